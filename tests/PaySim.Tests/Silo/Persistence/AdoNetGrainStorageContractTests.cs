using Orleans.Storage;

namespace PaySim.Tests.Silo.Persistence;

/// <summary>
/// Orleans' stock ADO.NET grain storage on PostgreSQL (PaySim's <c>DocumentStore=AdoNet</c>), held to the same contract
/// as PaySim's own <see cref="GroupCommitGrainStorageContractTests"/>.
/// </summary>
public sealed class AdoNetGrainStorageContractTests(AdoNetGrainStorageFixture fixture)
    : GrainStorageContractTests, IClassFixture<AdoNetGrainStorageFixture>
{
    protected override IGrainStorage Storage => fixture.Storage;
}
