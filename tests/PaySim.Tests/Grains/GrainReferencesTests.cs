using Orleans;
using Orleans.Runtime;
using PaySim.Grains.Interfaces;

namespace PaySim.Tests.Grains;

/// <summary><see cref="GrainReferences.ByKey{T}"/> makes the very reference Orleans' GetGrain would, and it works.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class GrainReferencesTests(GrainClusterFixture fixture)
{
    [Theory]
    [InlineData("账户1")]
    [InlineData("user-with/slash and space")]
    [InlineData(" x ")]
    public void ByKey_IsTheReferenceGetGrainMakes(string key)
    {
        var expected = (GrainReference)fixture.Grains.GetGrain<IAccountGrain>(key);
        var actual = (GrainReference)fixture.Grains.ByKey<IAccountGrain>(key);

        Assert.Equal(expected.GrainId, actual.GrainId);
        Assert.Equal(expected.InterfaceType, actual.InterfaceType);
        Assert.Equal(
            ((GrainReference)fixture.Grains.GetGrain<ITransferGrain>(key)).GrainId,
            ((GrainReference)fixture.Grains.ByKey<ITransferGrain>(key)).GrainId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ByKey_RefusesABlankKey_AsGetGrainDoes(string key)
    {
        Assert.Throws<ArgumentException>(() => fixture.Grains.GetGrain<IAccountGrain>(key));
        Assert.Throws<ArgumentException>(() => fixture.Grains.ByKey<IAccountGrain>(key));
    }

    [Fact]
    public async Task ByKey_ReachesTheGrain()
    {
        var username = await fixture.OpenAccountAsync(1_234);

        var snapshot = await fixture.Grains.ByKey<IAccountGrain>(username).GetSnapshotAsync();

        Assert.Equal(1_234, snapshot!.BalanceFen);
    }
}
