namespace StoreBooks.Emulators.Qbo.Api.Schema;

/// <summary>
/// The Intuit schema classes of every entity the emulator serves: the properties QBO knows (read-only ones included,
/// since QBO accepts and ignores them on writes) and their JSON types. Anything else in a request is a 2010 fault.
/// </summary>
internal static class Schemas
{
    private static readonly ScalarField S = new(ScalarKind.String);
    private static readonly ScalarField D = new(ScalarKind.Decimal);
    private static readonly ScalarField I = new(ScalarKind.Integer);
    private static readonly ScalarField B = new(ScalarKind.Boolean);
    private static readonly ScalarField Date = new(ScalarKind.Date);
    private static readonly ScalarField Time = new(ScalarKind.DateTime);
    private static readonly AnyField Any = new();

    private static ArrayField ArrayOf(FieldType t) => new(t);

    private static ObjectField Of(ObjectSchema s) => new(s);

    public static readonly ObjectSchema Ref = new ObjectSchema("ReferenceType").Add(("value", S), ("name", S), ("type", S));

    public static readonly ObjectSchema MetaData = new ObjectSchema("ModificationMetaData").Add(
        ("CreateTime", Time), ("LastUpdatedTime", Time), ("CreatedByRef", Of(Ref)), ("LastModifiedByRef", Of(Ref)),
        ("LastChangedInQB", Time), ("Synchronized", B));

    public static readonly ObjectSchema Address = new ObjectSchema("PhysicalAddress").Add(
        ("Id", S), ("Line1", S), ("Line2", S), ("Line3", S), ("Line4", S), ("Line5", S), ("City", S), ("Country", S),
        ("CountryCode", S), ("County", S), ("CountrySubDivisionCode", S), ("PostalCode", S), ("PostalCodeSuffix", S),
        ("Lat", S), ("Long", S), ("Tag", S), ("Note", S));

    public static readonly ObjectSchema Email = new ObjectSchema("EmailAddress").Add(("Address", S), ("Default", B), ("Tag", S));

    public static readonly ObjectSchema Phone = new ObjectSchema("TelephoneNumber").Add(
        ("FreeFormNumber", S), ("Default", B), ("Tag", S), ("DeviceType", S), ("CountryCode", S), ("AreaCode", S),
        ("ExchangeCode", S), ("Extension", S));

    public static readonly ObjectSchema WebSite = new ObjectSchema("WebSiteAddress").Add(("URI", S), ("Default", B), ("Tag", S));

    public static readonly ObjectSchema Memo = new ObjectSchema("MemoRef").Add(("value", S), ("id", S));

    public static readonly ObjectSchema CustomField = new ObjectSchema("CustomField").Add(
        ("DefinitionId", S), ("Name", S), ("Type", S), ("StringValue", S), ("BooleanValue", B), ("DateValue", Date), ("NumberValue", D));

    public static readonly ObjectSchema LinkedTxn = new ObjectSchema("LinkedTxn").Add(("TxnId", S), ("TxnType", S), ("TxnLineId", S));

    public static readonly ObjectSchema NameValue = new ObjectSchema("NameValue").Add(("Name", S), ("Value", S));

    public static readonly ObjectSchema DeliveryInfo = new ObjectSchema("DeliveryInfo").Add(("DeliveryType", S), ("DeliveryTime", Time));

    public static readonly ObjectSchema TaxLineDetail = new ObjectSchema("TaxLineDetail").Add(
        ("TaxRateRef", Of(Ref)), ("PercentBased", B), ("TaxPercent", D), ("NetAmountTaxable", D), ("TaxInclusiveAmount", D),
        ("OverrideDeltaAmount", D), ("ServiceDate", Date), ("TaxApplicableOn", S));

    public static readonly ObjectSchema TaxLine = new ObjectSchema("Line").Add(
        ("Id", S), ("LineNum", I), ("Description", S), ("Amount", D), ("DetailType", S), ("TaxLineDetail", Of(TaxLineDetail)));

    public static readonly ObjectSchema TxnTaxDetail = new ObjectSchema("TxnTaxDetail").Add(
        ("TxnTaxCodeRef", Of(Ref)), ("TotalTax", D), ("TaxLine", ArrayOf(Of(TaxLine))), ("UseAutomatedSalesTax", B));

    public static readonly ObjectSchema SalesItemLineDetail = new ObjectSchema("SalesItemLineDetail").Add(
        ("ItemRef", Of(Ref)), ("ClassRef", Of(Ref)), ("Qty", D), ("UnitPrice", D), ("RatePercent", D), ("PriceLevelRef", Of(Ref)),
        ("MarkupInfo", Any), ("TaxCodeRef", Of(Ref)), ("TaxClassificationRef", Of(Ref)), ("ServiceDate", Date),
        ("ItemAccountRef", Of(Ref)), ("DiscountAmt", D), ("DiscountRate", D), ("TaxInclusiveAmt", D));

    public static readonly ObjectSchema DescriptionLineDetail = new ObjectSchema("DescriptionLineDetail").Add(
        ("ServiceDate", Date), ("TaxCodeRef", Of(Ref)));

    public static readonly ObjectSchema DiscountLineDetail = new ObjectSchema("DiscountLineDetail").Add(
        ("DiscountRef", Of(Ref)), ("PercentBased", B), ("DiscountPercent", D), ("DiscountAccountRef", Of(Ref)),
        ("ClassRef", Of(Ref)), ("TaxCodeRef", Of(Ref)));

    public static readonly ObjectSchema SubTotalLineDetail = new ObjectSchema("SubTotalLineDetail").Add(("ItemRef", Of(Ref)));

    public static readonly ObjectSchema DepositLineDetail = new ObjectSchema("DepositLineDetail").Add(
        ("Entity", Of(Ref)), ("ClassRef", Of(Ref)), ("AccountRef", Of(Ref)), ("PaymentMethodRef", Of(Ref)), ("CheckNum", S),
        ("TxnType", S), ("TaxCodeRef", Of(Ref)), ("TaxApplicableOn", S));

    public static readonly ObjectSchema GroupLineDetail = new("GroupLineDetail");

    /// <summary>A transaction line (sales forms, payments and deposits share Intuit's one Line class).</summary>
    public static readonly ObjectSchema Line = new ObjectSchema("Line").Add(
        ("Id", S), ("LineNum", I), ("Description", S), ("Amount", D), ("DetailType", S), ("LinkedTxn", ArrayOf(Of(LinkedTxn))),
        ("SalesItemLineDetail", Of(SalesItemLineDetail)), ("GroupLineDetail", Of(GroupLineDetail)),
        ("DescriptionLineDetail", Of(DescriptionLineDetail)), ("DiscountLineDetail", Of(DiscountLineDetail)),
        ("SubTotalLineDetail", Of(SubTotalLineDetail)), ("DepositLineDetail", Of(DepositLineDetail)),
        ("TaxLineDetail", Of(TaxLineDetail)), ("CustomField", ArrayOf(Of(CustomField))), ("LineEx", Any), ("ProjectRef", Of(Ref)),
        ("ReceivedPaymentLineDetail", Any), ("PaymentLineDetail", Any));

    static Schemas()
    {
        GroupLineDetail.Add(("GroupItemRef", Of(Ref)), ("Quantity", D), ("Line", ArrayOf(Of(Line))));
    }

    private static ObjectSchema Entity(string className) => new ObjectSchema(className).Add(
        ("Id", S), ("SyncToken", S), ("MetaData", Of(MetaData)), ("domain", S), ("sparse", B), ("status", S));

    private static ObjectSchema Transaction(string className) => Entity(className).Add(
        ("DocNumber", S), ("TxnDate", Date), ("DepartmentRef", Of(Ref)), ("CurrencyRef", Of(Ref)), ("ExchangeRate", D),
        ("PrivateNote", S), ("TxnStatus", S), ("LinkedTxn", ArrayOf(Of(LinkedTxn))), ("Line", ArrayOf(Of(Line))),
        ("TxnSource", S), ("TransactionLocationType", S), ("Tag", Any), ("TxnApprovalInfo", Any), ("RecurDataRef", Of(Ref)),
        ("TotalAmt", D), ("HomeTotalAmt", D), ("ProjectRef", Of(Ref)), ("CustomField", ArrayOf(Of(CustomField))),
        ("GlobalTaxCalculation", S), ("TxnTaxDetail", Of(TxnTaxDetail)));

    private static ObjectSchema SalesForm(string className) => Transaction(className).Add(
        ("AutoDocNumber", B), ("CustomerRef", Of(Ref)), ("CustomerMemo", Of(Memo)), ("BillAddr", Of(Address)), ("ShipAddr", Of(Address)),
        ("ShipFromAddr", Of(Address)), ("FreeFormAddress", B), ("ClassRef", Of(Ref)), ("SalesTermRef", Of(Ref)), ("ShipMethodRef", Of(Ref)),
        ("ShipDate", Date), ("TrackingNum", S), ("ApplyTaxAfterDiscount", B), ("PrintStatus", S), ("EmailStatus", S),
        ("BillEmail", Of(Email)), ("BillEmailCc", Of(Email)), ("BillEmailBcc", Of(Email)), ("DeliveryInfo", Of(DeliveryInfo)),
        ("Balance", D), ("HomeBalance", D), ("DiscountRate", D), ("DiscountAmt", D), ("TaxExemptionRef", Of(Ref)),
        ("SalesRepRef", Of(Ref)), ("PONumber", S), ("FOB", S), ("RemitToRef", Of(Ref)), ("TaxFormType", S), ("TaxFormNum", S));

    public static readonly ObjectSchema Invoice = SalesForm("Invoice").Add(
        ("DueDate", Date), ("AllowIPNPayment", B), ("AllowOnlinePayment", B), ("AllowOnlineCreditCardPayment", B),
        ("AllowOnlineACHPayment", B), ("Deposit", D), ("DepositToAccountRef", Of(Ref)), ("InvoiceLink", S), ("EInvoiceStatus", S),
        ("InvoiceEx", Any), ("ECloudStatusTimeStamp", Time), ("callToAction", S), ("invoiceStatusLog", Any), ("LessCIS", D),
        ("ConvenienceFeeDetail", Any), ("PaymentDetailsMessage", S), ("PaymentMethodRef", Of(Ref)), ("PaymentRefNum", S),
        ("RecurringInfo", Any));

    public static readonly ObjectSchema SalesReceipt = SalesForm("SalesReceipt").Add(
        ("DepositToAccountRef", Of(Ref)), ("PaymentMethodRef", Of(Ref)), ("PaymentRefNum", S), ("CreditCardPayment", Any),
        ("RecurringInfo", Any));

    public static readonly ObjectSchema RefundReceipt = SalesForm("RefundReceipt").Add(
        ("DepositToAccountRef", Of(Ref)), ("PaymentMethodRef", Of(Ref)), ("PaymentRefNum", S), ("PaymentType", S),
        ("CheckPayment", Any), ("CreditCardPayment", Any), ("RecurringInfo", Any));

    public static readonly ObjectSchema CreditMemo = SalesForm("CreditMemo").Add(
        ("RemainingCredit", D), ("InvoiceRef", Of(Ref)), ("PaymentMethodRef", Of(Ref)), ("RecurringInfo", Any));

    public static readonly ObjectSchema Estimate = SalesForm("Estimate").Add(
        ("ExpirationDate", Date), ("AcceptedBy", S), ("AcceptedDate", Date), ("DueDate", Date), ("RecurringInfo", Any));

    public static readonly ObjectSchema Payment = Transaction("Payment").Add(
        ("CustomerRef", Of(Ref)), ("ARAccountRef", Of(Ref)), ("DepositToAccountRef", Of(Ref)), ("PaymentMethodRef", Of(Ref)),
        ("PaymentRefNum", S), ("CreditCardPayment", Any), ("UnappliedAmt", D), ("ProcessPayment", B), ("TaxExemptionRef", Of(Ref)));

    public static readonly ObjectSchema Deposit = Transaction("Deposit").Add(
        ("DepositToAccountRef", Of(Ref)), ("CashBack", Any), ("PrintStatus", S));

    private static ObjectSchema NameBase(string className) => Entity(className).Add(
        ("Title", S), ("GivenName", S), ("MiddleName", S), ("FamilyName", S), ("Suffix", S), ("FullyQualifiedName", S),
        ("CompanyName", S), ("DisplayName", S), ("PrintOnCheckName", S), ("Active", B), ("PrimaryPhone", Of(Phone)),
        ("AlternatePhone", Of(Phone)), ("Mobile", Of(Phone)), ("Fax", Of(Phone)), ("PrimaryEmailAddr", Of(Email)),
        ("WebAddr", Of(WebSite)), ("OtherContactInfo", Any), ("Notes", S), ("Source", S));

    public static readonly ObjectSchema Customer = NameBase("Customer").Add(
        ("Taxable", B), ("BillAddr", Of(Address)), ("ShipAddr", Of(Address)), ("OtherAddr", ArrayOf(Of(Address))),
        ("Job", B), ("BillWithParent", B), ("ParentRef", Of(Ref)), ("Level", I), ("SalesTermRef", Of(Ref)),
        ("PaymentMethodRef", Of(Ref)), ("Balance", D), ("OpenBalanceDate", Date), ("BalanceWithJobs", D),
        ("CurrencyRef", Of(Ref)), ("PreferredDeliveryMethod", S), ("ResaleNum", S), ("DefaultTaxCodeRef", Of(Ref)),
        ("TaxExemptionReasonId", S), ("PrimaryTaxIdentifier", S), ("SecondaryTaxIdentifier", S), ("BusinessNumber", S),
        ("ARAccountRef", Of(Ref)), ("CustomerTypeRef", Of(Ref)), ("GSTIN", S), ("GSTRegistrationType", S), ("IsProject", B),
        ("ClientEntityId", S), ("TaxRegimeRef", Of(Ref)));

    public static readonly ObjectSchema Vendor = NameBase("Vendor").Add(
        ("BillAddr", Of(Address)), ("OtherAddr", ArrayOf(Of(Address))), ("TaxIdentifier", S), ("TermRef", Of(Ref)),
        ("Balance", D), ("AcctNum", S), ("Vendor1099", B), ("CurrencyRef", Of(Ref)), ("APAccountRef", Of(Ref)),
        ("BillRate", D), ("CostRate", D), ("TaxReportingBasis", S), ("BusinessNumber", S), ("GSTIN", S),
        ("GSTRegistrationType", S), ("HasTPAR", B), ("T4AEligible", B), ("T5018Eligible", B), ("VendorPaymentBankDetail", Any));

    public static readonly ObjectSchema Employee = NameBase("Employee").Add(
        ("PrimaryAddr", Of(Address)), ("EmployeeNumber", S), ("SSN", S), ("BillableTime", B), ("BillRate", D),
        ("CostRate", D), ("BirthDate", Date), ("Gender", S), ("HiredDate", Date), ("ReleasedDate", Date), ("Organization", B),
        ("V4IDPseudonym", S));

    public static readonly ObjectSchema ItemGroupLine = new ObjectSchema("ItemComponentLine").Add(("ItemRef", Of(Ref)), ("Qty", D));

    public static readonly ObjectSchema ItemGroupDetail = new ObjectSchema("ItemGroupDetail").Add(("ItemGroupLine", ArrayOf(Of(ItemGroupLine))));

    public static readonly ObjectSchema Item = Entity("Item").Add(
        ("Name", S), ("Sku", S), ("Description", S), ("Active", B), ("SubItem", B), ("ParentRef", Of(Ref)), ("Level", I),
        ("FullyQualifiedName", S), ("Taxable", B), ("SalesTaxIncluded", B), ("UnitPrice", D), ("RatePercent", D), ("Type", S),
        ("PaymentMethodRef", Of(Ref)), ("UOMSetRef", Of(Ref)), ("IncomeAccountRef", Of(Ref)), ("PurchaseDesc", S),
        ("PurchaseTaxIncluded", B), ("PurchaseCost", D), ("ExpenseAccountRef", Of(Ref)), ("COGSAccountRef", Of(Ref)),
        ("AssetAccountRef", Of(Ref)), ("PrefVendorRef", Of(Ref)), ("AvgCost", D), ("TrackQtyOnHand", B), ("QtyOnHand", D),
        ("QtyOnPurchaseOrder", D), ("QtyOnSalesOrder", D), ("ReorderPoint", D), ("ManPartNum", S), ("DepositToAccountRef", Of(Ref)),
        ("SalesTaxCodeRef", Of(Ref)), ("PurchaseTaxCodeRef", Of(Ref)), ("InvStartDate", Date), ("BuildPoint", D),
        ("PrintGroupedItems", B), ("SpecialItem", B), ("SpecialItemType", S), ("ItemGroupDetail", Of(ItemGroupDetail)),
        ("ItemAssemblyDetail", Any), ("AbatementRate", D), ("ReverseChargeRate", D), ("ServiceType", S), ("ItemCategoryType", S),
        ("ItemEx", Any), ("TaxClassificationRef", Of(Ref)), ("ClassRef", Of(Ref)), ("Source", S));

    public static readonly ObjectSchema Account = Entity("Account").Add(
        ("Name", S), ("SubAccount", B), ("ParentRef", Of(Ref)), ("Description", S), ("FullyQualifiedName", S), ("Active", B),
        ("Classification", S), ("AccountType", S), ("AccountSubType", S), ("AcctNum", S), ("AcctNumExtended", S),
        ("BankNum", S), ("OpeningBalance", D), ("OpeningBalanceDate", Date), ("CurrentBalance", D),
        ("CurrentBalanceWithSubAccounts", D), ("CurrencyRef", Of(Ref)), ("TaxAccount", B), ("TaxCodeRef", Of(Ref)),
        ("OnlineBankingEnabled", B), ("FIName", S), ("JournalCodeRef", Of(Ref)), ("AccountAlias", S), ("TxnLocationType", S));

    public static readonly ObjectSchema PaymentMethod = Entity("PaymentMethod").Add(("Name", S), ("Active", B), ("Type", S));

    private static readonly ObjectSchema TaxRateDetail = new ObjectSchema("TaxRateDetail").Add(
        ("TaxRateRef", Of(Ref)), ("TaxTypeApplicable", S), ("TaxOrder", I), ("TaxOnTaxOrder", I));

    private static readonly ObjectSchema TaxRateList = new ObjectSchema("TaxRateList").Add(("TaxRateDetail", ArrayOf(Of(TaxRateDetail))));

    public static readonly ObjectSchema TaxCode = Entity("TaxCode").Add(
        ("Name", S), ("Description", S), ("Active", B), ("Hidden", B), ("Taxable", B), ("TaxGroup", B),
        ("SalesTaxRateList", Of(TaxRateList)), ("PurchaseTaxRateList", Of(TaxRateList)), ("AdjustmentTaxRateList", Of(TaxRateList)),
        ("TaxCodeConfigType", S));

    private static readonly ObjectSchema EffectiveTaxRate = new ObjectSchema("EffectiveTaxRate").Add(
        ("RateValue", D), ("EffectiveDate", Time), ("EndDate", Time));

    public static readonly ObjectSchema TaxRate = Entity("TaxRate").Add(
        ("Name", S), ("Description", S), ("Active", B), ("RateValue", D), ("AgencyRef", Of(Ref)), ("TaxReturnLineRef", Of(Ref)),
        ("SpecialTaxType", S), ("DisplayType", S), ("EffectiveTaxRate", ArrayOf(Of(EffectiveTaxRate))), ("OriginalTaxRate", S));

    public static readonly ObjectSchema TaxAgency = Entity("TaxAgency").Add(
        ("DisplayName", S), ("TaxRegistrationNumber", S), ("TaxTrackedOnSales", B), ("TaxTrackedOnPurchases", B),
        ("TaxAgencyConfig", S), ("LastFileDate", Date), ("Active", B));

    public static readonly ObjectSchema CompanyInfo = Entity("CompanyInfo").Add(
        ("CompanyName", S), ("LegalName", S), ("CompanyAddr", Of(Address)), ("CustomerCommunicationAddr", Of(Address)),
        ("LegalAddr", Of(Address)), ("CustomerCommunicationEmailAddr", Of(Email)), ("PrimaryPhone", Of(Phone)),
        ("CompanyStartDate", Date), ("FiscalYearStartMonth", S), ("Country", S), ("Email", Of(Email)), ("WebAddr", Of(WebSite)),
        ("SupportedLanguages", S), ("NameValue", ArrayOf(Of(NameValue))), ("EmployerId", S));

    /// <summary>Preferences: the groups are accepted as objects; the emulator reads the flags it acts on.</summary>
    public static readonly ObjectSchema Preferences = Entity("Preferences").Add(
        ("AccountingInfoPrefs", Any), ("ProductAndServicesPrefs", Any), ("SalesFormsPrefs", Any), ("EmailMessagesPrefs", Any),
        ("VendorAndPurchasesPrefs", Any), ("TimeTrackingPrefs", Any), ("TaxPrefs", Any), ("CurrencyPrefs", Any),
        ("ReportPrefs", Any), ("OtherPrefs", Any));

    private static readonly ObjectSchema EntityRef = new ObjectSchema("ReferenceType").Add(("value", S), ("name", S), ("type", S));

    private static readonly ObjectSchema AttachableRef = new ObjectSchema("AttachableRef").Add(
        ("EntityRef", Of(EntityRef)), ("LineInfo", S), ("IncludeOnSend", B), ("Inactive", B), ("NoRefOnly", B), ("CustomField", Any));

    public static readonly ObjectSchema Attachable = Entity("Attachable").Add(
        ("FileName", S), ("Note", S), ("Category", S), ("ContentType", S), ("Size", D), ("Tag", S), ("Lat", S), ("Long", S),
        ("PlaceName", S), ("FileAccessUri", S), ("TempDownloadUri", S), ("ThumbnailFileAccessUri", S), ("ThumbnailTempDownloadUri", S),
        ("AttachableRef", ArrayOf(Of(AttachableRef))));

    public static readonly ObjectSchema BatchItemRequest = new ObjectSchema("BatchItemRequest").Add(
        ("bId", S), ("operation", S), ("optionsData", S), ("Query", S), ("ReportQuery", S), ("CDCQuery", Any));
}
