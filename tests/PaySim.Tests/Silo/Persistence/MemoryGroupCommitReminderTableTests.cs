using PaySim.Tests.Silo.Storage;

namespace PaySim.Tests.Silo.Persistence;

public sealed class MemoryGroupCommitReminderTableTests(MemoryStoreFixture store) : GroupCommitReminderTableContractTests(store), IClassFixture<MemoryStoreFixture>;
