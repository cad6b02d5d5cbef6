using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Entities.Lists;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Company;

/// <summary>
/// Sets a realm up as a new QBO company with the settings' choices: chart of accounts, sales tax of its region,
/// the two default items, payment methods, Preferences and CompanyInfo reflecting the choices.
/// </summary>
internal static class CompanySeed
{
    public static void Populate(QboCompany company)
    {
        var settings = company.Settings;
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal);
        var tax = SalesTaxSeed.For(settings);
        var chart = ChartOfAccounts.Common.Concat(tax.Agencies.Select(a => ChartOfAccounts.TaxPayable(a.Name)));
        foreach (var seed in chart)
        {
            var id = Add(company, "Account", new JsonObject
            {
                ["Name"] = seed.Name,
                ["SubAccount"] = false,
                ["FullyQualifiedName"] = seed.Name,
                ["Active"] = true,
                ["Classification"] = AccountTypes.Classification(seed.Type),
                ["AccountType"] = seed.Type,
                ["AccountSubType"] = seed.SubType,
                ["CurrentBalance"] = 0,
                ["CurrentBalanceWithSubAccounts"] = 0,
                ["CurrencyRef"] = JsonAccess.Ref(settings.HomeCurrency, Currencies.Name(settings.HomeCurrency) ?? settings.HomeCurrency),
            });
            accounts[seed.Name] = id;
        }

        var taxCodeId = SeedTax(company, tax);
        foreach (var name in new[] { "Services", "Hours" })
        {
            Add(company, "Item", new JsonObject
            {
                ["Name"] = name,
                ["Active"] = true,
                ["FullyQualifiedName"] = name,
                ["Taxable"] = false,
                ["UnitPrice"] = 0,
                ["Type"] = "Service",
                ["IncomeAccountRef"] = JsonAccess.Ref(accounts["Services"], "Services"),
                ["PurchaseCost"] = 0,
                ["TrackQtyOnHand"] = false,
            });
        }

        foreach (var (name, type) in new[]
                 {
                     ("Cash", "NON_CREDIT_CARD"), ("Check", "NON_CREDIT_CARD"), ("Visa", "CREDIT_CARD"), ("MasterCard", "CREDIT_CARD"),
                     ("Discover", "CREDIT_CARD"), ("American Express", "CREDIT_CARD"), ("Diners Club", "CREDIT_CARD"),
                 })
        {
            Add(company, "PaymentMethod", new JsonObject { ["Name"] = name, ["Active"] = true, ["Type"] = type });
        }

        Add(company, "Preferences", Preferences(settings, taxCodeId, accounts), "1");
        Add(company, "CompanyInfo", CompanyInfo(company), "1");
    }

    private static string? SeedTax(QboCompany company, SalesTaxSeed.Region region)
    {
        var agencies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var agency in region.Agencies)
        {
            agencies[agency.Name] = Add(company, "TaxAgency", new JsonObject
            {
                ["DisplayName"] = agency.Name,
                ["TaxTrackedOnSales"] = true,
                ["TaxTrackedOnPurchases"] = false,
            });
        }

        var rates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rate in region.Rates)
        {
            rates[rate.Name] = Add(company, "TaxRate", new JsonObject
            {
                ["Name"] = rate.Name,
                ["Description"] = "Sales Tax",
                ["Active"] = true,
                ["RateValue"] = Money.Node(rate.Percent),
                ["AgencyRef"] = JsonAccess.Ref(agencies[rate.Agency]),
                ["SpecialTaxType"] = rate.SpecialTaxType,
                ["DisplayType"] = "ReadOnly",
            });
        }

        var now = QboTime.Meta(company.Now);
        if (company.IsUs)
        {
            // The line codes TAX and NON: Id equals Name, no SyncToken or Active (as QBO lists them).
            foreach (var pseudo in new[] { ("TAX", true), ("NON", false) })
            {
                company.Store.Put("TaxCode", new EntityRecord(pseudo.Item1, new JsonObject
                {
                    ["TaxGroup"] = false,
                    ["Name"] = pseudo.Item1,
                    ["Taxable"] = pseudo.Item2,
                    ["Description"] = pseudo.Item1,
                    ["Id"] = pseudo.Item1,
                    ["MetaData"] = new JsonObject { ["CreateTime"] = now, ["LastUpdatedTime"] = now },
                }, company.Now));
            }

            // QBO's sample companies number their first real tax code 2.
            company.Reserve("TaxCode", "1");
        }

        string? first = null;
        foreach (var code in region.Codes)
        {
            var details = new JsonArray();
            foreach (var rateName in code.Rates)
            {
                details.Add(new JsonObject
                {
                    ["TaxRateRef"] = JsonAccess.Ref(rates[rateName], rateName),
                    ["TaxTypeApplicable"] = "TaxOnAmount",
                    ["TaxOrder"] = 0,
                });
            }

            var id = Add(company, "TaxCode", new JsonObject
            {
                ["Name"] = code.Name,
                ["Description"] = code.Description,
                ["Active"] = true,
                ["Taxable"] = code.Taxable,
                ["TaxGroup"] = true,
                ["SalesTaxRateList"] = new JsonObject { ["TaxRateDetail"] = details },
                ["PurchaseTaxRateList"] = new JsonObject { ["TaxRateDetail"] = new JsonArray() },
            });
            first ??= id;
        }

        return first;
    }

    private static JsonObject Preferences(QboCompanySettings settings, string? taxCodeId, Dictionary<string, string> accounts)
    {
        var us = string.Equals(settings.Country, "US", StringComparison.OrdinalIgnoreCase);
        var ast = us && (settings.AutomatedSalesTax ?? true);
        var use = new JsonArray();
        var names = new JsonArray();
        for (var i = 1; i <= 3; i++)
        {
            var name = i <= settings.SalesCustomFields.Count ? settings.SalesCustomFields[i - 1] : null;
            use.Add(new JsonObject { ["Name"] = $"SalesFormsPrefs.UseSalesCustom{i}", ["Type"] = "BooleanType", ["BooleanValue"] = name is not null });
            if (name is not null)
            {
                names.Add(new JsonObject { ["Name"] = $"SalesFormsPrefs.SalesCustomName{i}", ["Type"] = "StringType", ["StringValue"] = name });
            }
        }

        var taxPrefs = new JsonObject { ["UsingSalesTax"] = true };
        if (us)
        {
            taxPrefs["PartnerTaxEnabled"] = ast;
            if (taxCodeId is not null)
            {
                taxPrefs["TaxGroupCodeRef"] = JsonAccess.Ref(taxCodeId);
            }
        }

        var company = settings.CompanyName;
        return new JsonObject
        {
            ["AccountingInfoPrefs"] = new JsonObject
            {
                ["TrackDepartments"] = false,
                ["DepartmentTerminology"] = "Location",
                ["ClassTrackingPerTxn"] = false,
                ["ClassTrackingPerTxnLine"] = false,
                ["CustomerTerminology"] = "Customers",
            },
            ["ProductAndServicesPrefs"] = new JsonObject
            {
                ["ForSales"] = true,
                ["ForPurchase"] = true,
                ["QuantityWithPriceAndRate"] = true,
                ["QuantityOnHand"] = settings.TrackInventory,
            },
            ["SalesFormsPrefs"] = new JsonObject
            {
                ["CustomField"] = new JsonArray(new JsonObject { ["CustomField"] = use }, new JsonObject { ["CustomField"] = names }),
                ["CustomTxnNumbers"] = settings.CustomTxnNumbers,
                ["AllowDeposit"] = false,
                ["AllowDiscount"] = settings.AllowDiscount,
                ["AllowEstimates"] = true,
                ["ETransactionEnabledStatus"] = "NotApplicable",
                ["ETransactionAttachPDF"] = false,
                ["ETransactionPaymentEnabled"] = false,
                ["IPNSupportEnabled"] = false,
                ["AllowServiceDate"] = false,
                ["AllowShipping"] = settings.AllowShipping,
                ["UsingPriceLevels"] = false,
            },
            ["EmailMessagesPrefs"] = new JsonObject
            {
                ["InvoiceMessage"] = Message($"Invoice from {company}", "Your invoice is attached. Please pay it by its due date."),
                ["EstimateMessage"] = Message($"Estimate from {company}", "Your estimate is attached."),
                ["SalesReceiptMessage"] = Message($"Sales Receipt from {company}", "Your sales receipt is attached. Thank you."),
                ["StatementMessage"] = Message($"Statement from {company}", "Your statement is attached."),
            },
            ["VendorAndPurchasesPrefs"] = new JsonObject { ["TrackingByCustomer"] = false, ["BillableExpenseTracking"] = false },
            ["TimeTrackingPrefs"] = new JsonObject
            {
                ["UseServices"] = true,
                ["BillCustomers"] = false,
                ["ShowBillRateToAll"] = false,
                ["WorkWeekStartDate"] = "Monday",
                ["MarkTimeEntriesBillable"] = false,
            },
            ["TaxPrefs"] = taxPrefs,
            ["CurrencyPrefs"] = new JsonObject
            {
                ["MultiCurrencyEnabled"] = settings.MultiCurrency,
                ["HomeCurrency"] = JsonAccess.Ref(settings.HomeCurrency),
            },
            ["ReportPrefs"] = new JsonObject { ["ReportBasis"] = "Accrual", ["CalcAgingReportFromTxnDate"] = false },
            ["OtherPrefs"] = new JsonObject
            {
                ["NameValue"] = new JsonArray(
                    NameValue("SalesFormsPrefs.DefaultItem", "1"),
                    NameValue("UncategorizedAssetAccountId", accounts["Uncategorized Asset"]),
                    NameValue("UncategorizedIncomeAccountId", accounts["Uncategorized Income"]),
                    NameValue("UncategorizedExpenseAccountId", accounts["Uncategorized Expense"]),
                    NameValue("ProjectsEnabled", "false")),
            },
        };
    }

    private static JsonObject CompanyInfo(QboCompany company)
    {
        var s = company.Settings;
        var address = s.Country.ToUpperInvariant() switch
        {
            "CA" => new JsonObject { ["Line1"] = "100 King Street West", ["City"] = "Toronto", ["CountrySubDivisionCode"] = "ON", ["PostalCode"] = "M5X 1A9", ["Country"] = "CA" },
            _ => new JsonObject { ["Line1"] = "100 Market Street", ["City"] = "San Francisco", ["CountrySubDivisionCode"] = "CA", ["PostalCode"] = "94105", ["Country"] = s.Country },
        };
        var info = new JsonObject
        {
            ["CompanyName"] = s.CompanyName,
            ["LegalName"] = s.CompanyName,
            ["CompanyAddr"] = address,
            ["CustomerCommunicationAddr"] = address.DeepClone(),
            ["LegalAddr"] = address.DeepClone(),
            ["PrimaryPhone"] = new JsonObject(),
            ["CompanyStartDate"] = QboTime.Date(company.Today),
            ["FiscalYearStartMonth"] = "January",
            ["Country"] = s.Country,
            ["Email"] = new JsonObject { ["Address"] = "books@example.com" },
            ["WebAddr"] = new JsonObject(),
            ["SupportedLanguages"] = "en",
            ["NameValue"] = new JsonArray(
                NameValue("NeoEnabled", "true"),
                NameValue("IndustryType", "Retail"),
                NameValue("CompanyType", "LLC"),
                NameValue("OfferingSku", "QuickBooks Online Plus"),
                NameValue("PayrollFeature", "false"),
                NameValue("ItemCategoriesFeature", "true"),
                NameValue("IsQbdtMigrated", "false")),
        };
        Addresses.Assign(company, info, null, "CompanyAddr", "CustomerCommunicationAddr", "LegalAddr");
        return info;
    }

    private static JsonObject Message(string subject, string message) => new() { ["Subject"] = subject, ["Message"] = message };

    private static JsonObject NameValue(string name, string value) => new() { ["Name"] = name, ["Value"] = value };

    private static string Add(QboCompany company, string entity, JsonObject body, string? id = null)
    {
        var now = company.Now;
        var definition = Entities.EntityCatalog.ByName(entity)!;
        id ??= company.NewId(definition.IdSequence);
        company.Reserve(definition.IdSequence, id);
        var stored = WriteEngine.Stamp(body, id, "0", QboTime.Meta(now), QboTime.Meta(now));
        company.Store.Put(entity, new EntityRecord(id, stored, now));
        return id;
    }
}
