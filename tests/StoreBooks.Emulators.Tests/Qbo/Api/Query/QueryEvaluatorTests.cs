using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Api;
using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Query;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Query;

/// <summary>The evaluator over a realm's entity store, without HTTP.</summary>
public sealed class QueryEvaluatorTests
{
    private static readonly QboCompany Company = NewCompany();

    [Fact]
    public void Counts_and_filters_the_seeded_chart_of_accounts()
    {
        var all = Run("select count(*) from Account")["totalCount"]!.GetValue<int>();
        var banks = Run("select count(*) from Account where AccountType = 'Bank'")["totalCount"]!.GetValue<int>();
        var notBanks = Run("select count(*) from Account where AccountType in ('Expense', 'Income', 'Other Current Asset')")["totalCount"]!.GetValue<int>();

        Assert.True(all > 40);
        Assert.Equal(3, banks);
        Assert.InRange(notBanks, 20, all - banks);
    }

    [Fact]
    public void Pages_by_name_and_answers_an_empty_object_past_the_end()
    {
        var page = Run("select * from PaymentMethod startposition 2 maxresults 2");
        Assert.Equal(["Cash", "Check"], page["PaymentMethod"]!.AsArray().Select(p => p!["Name"]!.GetValue<string>()));
        Assert.Empty(Run("select * from PaymentMethod startposition 8"));
    }

    [Fact]
    public void Resolves_references_and_nested_properties()
    {
        var services = Run("select * from Item where IncomeAccountRef in ('0', '14')")["Item"]!.AsArray();
        Assert.Equal(2, services.Count);
        Assert.Equal(2, Run("select count(*) from Item where MetaData.CreateTime >= '2026-01-01'")["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public void Validates_entities_and_properties()
    {
        Assert.Equal("4001", Assert.Throws<QboFaultException>(() => Run("select * from Invoices")).Fault.Code);
        Assert.Equal("4001", Assert.Throws<QboFaultException>(() => Run("select * from Account orderby Colour")).Fault.Code);
        Assert.Equal("4001", Assert.Throws<QboFaultException>(() => Run("select * from Account maxresults 0")).Fault.Code);
    }

    private static JsonObject Run(string query)
    {
        lock (Company.Sync)
        {
            return QueryEvaluator.Run(Company, QueryParser.Parse(query));
        }
    }

    private static QboCompany NewCompany()
    {
        var company = new QboCompany(QboCompanySettings.DefaultUs, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero)), new QboApiOptions());
        CompanySeed.Populate(company);
        return company;
    }
}
