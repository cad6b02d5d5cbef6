namespace StoreBooks.Emulators.Qbo.Api.Faults;

/// <summary>
/// Every fault the accounting API answers, with QBO's code, Message and Detail (reference §1.5 and §6).
/// Where the reference marks the wording unverified [U], the chosen text says what is wrong and how to fix it.
/// </summary>
internal static class Fault
{
    private const string BusinessMessage = "A business validation error has occurred while processing your request";

    public static QboFaultException Throw(QboFault fault) => new(fault);

    private static QboFaultException Validation(string message, string detail, string code, string? element = null) =>
        new(new QboFault(400, new QboError(message, detail, code, element)));

    /// <summary>2020: a required field is absent.</summary>
    public static QboFaultException RequiredParam(string element) =>
        Validation("Required param missing, need to supply the required value for the API",
            $"Required parameter {element} is missing in the request", "2020", element);

    /// <summary>2020 with a custom detail (e.g. "As of date for initial quantity on hand is required").</summary>
    public static QboFaultException RequiredParam(string element, string detail) =>
        Validation("Required param missing, need to supply the required value for the API", detail, "2020", element);

    /// <summary>2010: unknown JSON property, in the wording Jackson gives QBO.</summary>
    public static QboFaultException UnsupportedProperty(string detail) =>
        Validation("Request has invalid or unsupported property", "Property Name:" + detail + " specified is unsupported or invalid", "2010");

    /// <summary>2010 for a body that is not JSON at all (seen in 2026: "failed to parse json object").</summary>
    public static QboFaultException UnparsableBody() =>
        Validation("Request has invalid or unsupported property",
            "Property Name:failed to parse json object; a property specified is unsupported or invalid", "2010");

    /// <summary>2310: POST with an empty body.</summary>
    public static QboFaultException EmptyBody() =>
        Validation("Error parsing object", "ObjectParserError: Request Body is Empty", "2310", "");

    /// <summary>2030: an Id that is not a number.</summary>
    public static QboFaultException InvalidId(string supplied, bool includeTime = false) =>
        new(new QboFault(400, new QboError("Invalid ID", "Id should be a valid number. Supplied value:" + supplied, "2030", "Id"), includeTime: includeTime));

    /// <summary>2040 [U]: a name with a colon, tab or newline.</summary>
    public static QboFaultException InvalidString(string element, string value) =>
        Validation("Invalid String",
            $"Element contains invalid characters: {element} cannot contain a colon (:), tab or new line. Supplied value:{value}", "2040", element);

    /// <summary>2040 [U]: a string that is not text (a lone UTF-16 surrogate such as <c>"\ud800"</c>), named by its element.</summary>
    public static QboFaultException InvalidCharacters(string element) =>
        Validation("Invalid String",
            $"Element contains invalid characters: {element} holds a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape), which is not a character. Send the text as UTF-8 or as a surrogate pair.",
            "2040", element);

    /// <summary>2050: string too long (or empty where at least one character is required).</summary>
    public static QboFaultException StringLength(string element, int min, int max, int supplied) =>
        Validation("String length is either shorter or longer than supported by specification",
            $"String length specified does not match the supported length. Min:{min} Max:{max} supported. Supplied length:{supplied}", "2050", element);

    /// <summary>2170: a value outside the field's enumeration.</summary>
    public static QboFaultException InvalidEnumeration(string element, string value, IEnumerable<string> allowed) =>
        Validation("Invalid Enumeration",
            $"Invalid Enumeration : {value} is not a valid value for {element}. Valid values: {string.Join(", ", allowed)}", "2170", element);

    /// <summary>2500: a reference to an id that does not exist ("Accounts element id 7 not found").</summary>
    public static QboFaultException InvalidReference(string listName, string id, string? element = null) =>
        Validation("Invalid Reference Id", $"Invalid Reference Id : {listName} element id {id} not found", "2500", element);

    /// <summary>610: the object is missing, inactive or deleted (wording of the real batch fault).</summary>
    public static QboFaultException ObjectNotFound() =>
        Validation("Object Not Found",
            "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
            "610", "");

    /// <summary>5010: SyncToken older than the stored one.</summary>
    public static QboFaultException StaleObject(string userName) =>
        Validation("Stale Object Error",
            $"Stale Object Error : You and {userName} were working on this at the same time. {userName} finished before you did, so your work was not saved.",
            "5010", "");

    /// <summary>6000: generic business rule, Detail prefixed "Business Validation Error: ".</summary>
    public static QboFaultException Business(string text, string element = "") =>
        Validation(BusinessMessage, "Business Validation Error: " + text, "6000", element);

    /// <summary>
    /// An account of the wrong type on a reference. QBO's wording is known; whether it is sent as 6000 or 6430 is not [U]:
    /// <see cref="QboEmulatorOptions.AccountTypeFaultCode"/> picks (6000 by default).
    /// </summary>
    public static QboFaultException InvalidAccountType(string code, string element) =>
        code == "6430"
            ? Validation("Invalid account type used",
                "Invalid account type: You need to select a different type of account for this transaction.", "6430", element)
            : Validation(BusinessMessage,
                "Invalid account type: You need to select a different type of account for this transaction.", "6000", element);

    public static QboFaultException InvalidEmail(string element, string supplied) =>
        Validation("Invalid Email Address Format",
            $"The email address doesn't conform to RFC 822 syntax rules (it needs an @ and a dot). Supplied value:{supplied}", "2210", element);

    public static QboFaultException AccountTypeMissing() =>
        Validation("Invalid Account.AccountType && Account.SubType",
            "You must specify either an Account.AccountType or an Account.AccountSubType.", "6010", "AccountType");

    public static QboFaultException OpenBalanceDateMissing() =>
        Validation("Account.OpenBalanceDate must be specified with Account.OpenBalance",
            "A value for OpeningBalanceDate is required when OpeningBalance is given.", "6060", "OpeningBalanceDate");

    public static QboFaultException ParentRefRequired(string flag) =>
        Validation("ParentRef Required Validation Error",
            $"ParentRef is required when {flag} is true.", "6150", "ParentRef");

    public static QboFaultException NoNameProvided() =>
        Validation("No Name Provided",
            "Fill out values for at least one of the following: Title, GivenName, MiddleName, FamilyName, DisplayName, Suffix.", "6080", "");

    public static QboFaultException DuplicateName(string detailTail, string? element = null) =>
        Validation("Duplicate Name Exists Error", "The name supplied already exists. : " + detailTail, "6240", element);

    public static QboFaultException AmountCalculation(decimal supplied) =>
        Validation("Amount calculation incorrect in the request",
            "Amount is not equal to Qty * UnitPrice. Supplied value:" + Json.Money.Normalize(supplied).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "6070", "");

    public static QboFaultException DiscountLineMissingInfo() =>
        Validation("Discount Line missing required info.",
            "Discount Line missing required info. A DiscountLineDetail needs Amount, or PercentBased true with DiscountPercent.", "6090", "");

    public static QboFaultException InvalidUsLineTaxCode(string supplied) =>
        Validation("Invalid Line TaxCode in the request",
            "Valid Line TaxCodes for US should be TAX or NON. Supplied value:" + supplied, "6100", "");

    public static QboFaultException InvalidTxnTaxDetail() =>
        Validation("Invalid TxnTaxDetail Error",
            "The TxnTaxDetail attribute is not allowed when GlobalTaxCalculation is set to NotApplicable.", "6170", "");

    public static QboFaultException SubLevelLimit() =>
        Validation("Sub Level Limit", "You can only nest up to 5 levels (a top-level customer and 4 levels of sub-customers).", "6180", "");

    public static QboFaultException DuplicateDocNumber(string docNumber, string txnType, string txnId) =>
        Validation("Duplicate Document Number Error",
            $"Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber={docNumber} is assigned to TxnType={txnType} with TxnId={txnId}",
            "6140", "");

    public static QboFaultException DeleteListHasBalance(string entityName) =>
        Validation("Delete List Has Balance Error",
            $"The entity you are trying to delete has an open balance. : This {entityName.ToLowerInvariant()} cannot be deleted because it has a non-zero balance",
            "6220", "");

    /// <summary>6270 (Message/Detail split [U]): the text seen in the wild as Message, the item and dates in Detail.</summary>
    public static QboFaultException InventoryDatedBeforeStart(string itemName, string txnDate, string startDate) =>
        Validation("Transaction date is prior to start date for inventory item",
            $"Transaction date is prior to start date for inventory item {itemName}. Transactions with inventory items that have a quantity on hand can't be dated earlier than the item's InvStartDate ({startDate}); TxnDate was {txnDate}.",
            "6270", "");

    public static QboFaultException DepositedTransaction() =>
        Validation("Deposited Transaction cannot be changed",
            "This transaction has been deposited. If you want to change or delete it, you must first edit the deposit it appears on and remove it.",
            "6540", "");

    /// <summary>400 code 500: a path or operation QBO does not serve.</summary>
    public static QboFaultException UnsupportedOperation(string detail) =>
        Validation("Unsupported Operation", detail, "500");

    public static QboFaultException UnknownResource(string relativePath, string fullUrl) =>
        UnsupportedOperation($"Operation Could not find resource for relative : {relativePath} of full path: {fullUrl} is not supported.");

    public static QboFaultException BatchTooLarge(int supplied, int max) =>
        Validation("Batch size exceeds allowed limit",
            $"Batch size exceeds allowed limit. BatchItemRequest has {supplied} items; the limit is {max}.", "1040", "");

    /// <summary>4000: the query does not parse.</summary>
    public static QboFaultException QueryParse(string detail) =>
        Validation("Error parsing query", "QueryParserError: " + detail, "4000");

    /// <summary>4001: the query parses but is not valid ("invalid context declaration: Custmoer").</summary>
    public static QboFaultException QueryValidation(string detail) =>
        Validation("Invalid query", "QueryValidationError: " + detail, "4001");

    /// <summary>600: the optional strict requestid mode, when a requestid comes back with a different body.</summary>
    public static QboFaultException DuplicateRequestId(string requestId) =>
        Validation("Duplicate Request ID",
            $"The request ID {requestId} was already used in this company for a different request. Use a new requestid for a new request; resend the identical request to get the original response.",
            "600", "");

    /// <summary>2130 [U]: requestid longer than QBO accepts.</summary>
    public static QboFaultException InvalidRequestId(int length, int max) =>
        Validation("Invalid Request Id Format",
            $"requestid is {length} characters long; QBO accepts at most {max} (a UUID fits).", "2130", "requestid");

    /// <summary>413 [U]: a body bigger than the emulator accepts (QBO documents no JSON size limit).</summary>
    public static QboFaultException BodyTooLarge(long max) =>
        new(new QboFault(413, new QboError("Request size exceeds allowed limit",
            $"The request body is larger than {max} bytes, the most this server accepts (QboEmulatorOptions.MaxRequestBodyBytes).", "6030", "")));

    /// <summary>403 for a realm id this server does not hold.</summary>
    public static QboFaultException UnknownRealm(string realmId) =>
        new(new QboFault(403, new QboError("message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
            $"No company with realm id {realmId} exists on this emulator; use one of the realms it was started with.", "3100"), "AuthorizationFault"));
}
