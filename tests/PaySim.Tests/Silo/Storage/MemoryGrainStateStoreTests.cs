namespace PaySim.Tests.Silo.Storage;

public sealed class MemoryGrainStateStoreTests(MemoryStoreFixture store) : GrainStateStoreContractTests(store), IClassFixture<MemoryStoreFixture>;
