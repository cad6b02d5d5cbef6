using StoreBooks.Core.Model;
using Xunit;

namespace StoreBooks.Core.Tests;

public sealed class CentsTests
{
    [Fact]
    public void Allocation_adds_up_exactly_and_follows_the_weights()
    {
        var parts = Cents.Allocate(10.00m, [1m, 1m, 1m]);

        Assert.Equal([3.34m, 3.33m, 3.33m], parts);
        Assert.Equal(10.00m, parts.Sum());
    }

    [Fact]
    public void The_leftover_cent_goes_to_the_largest_remainder()
    {
        var parts = Cents.Allocate(1.00m, [19.99m, 5.01m, 75m]);

        Assert.Equal(1.00m, parts.Sum());
        Assert.Equal([0.20m, 0.05m, 0.75m], parts);
    }

    [Fact]
    public void Negative_amounts_and_zero_weights_are_handled()
    {
        Assert.Equal([-0.50m, -0.50m], Cents.Allocate(-1.00m, [2m, 2m]));
        Assert.Equal([0m, 0m], Cents.Allocate(5m, [0m, 0m]));
        Assert.Equal([0m, 5m], Cents.Allocate(5m, [0m, 3m]));
    }

    [Theory]
    [InlineData(2.675, 2.68)]
    [InlineData(-2.675, -2.68)]
    [InlineData(1.004, 1.00)]
    public void Rounding_is_half_away_from_zero(decimal amount, decimal expected)
    {
        Assert.Equal(expected, Cents.Round(amount));
    }
}
