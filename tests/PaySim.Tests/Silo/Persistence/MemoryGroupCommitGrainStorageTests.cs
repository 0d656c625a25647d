using PaySim.Tests.Silo.Storage;

namespace PaySim.Tests.Silo.Persistence;

public sealed class MemoryGroupCommitGrainStorageTests(MemoryStoreFixture store) : GroupCommitGrainStorageContractTests(store), IClassFixture<MemoryStoreFixture>;
