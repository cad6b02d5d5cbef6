using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api;

public sealed class SmokeTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    [Fact]
    public async Task Creates_a_customer_and_an_invoice()
    {
        using var api = emulator.Sandbox();
        var customer = await api.Create("Customer", new JsonObject { ["DisplayName"] = "Amy" });
        var invoice = await api.Post("invoice", J("{`Line`:[{`Amount`:100.0,`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{`ItemRef`:{`value`:`1`}}}],`CustomerRef`:{`value`:`" + customer["Id"] + "`}}"));
        var q = await api.Query("select * from Customer");
        Assert.Fail(invoice.Body.ToJsonString() + "\n" + customer.ToJsonString() + "\n" + q.Body.ToJsonString());
    }
}
