namespace PaySim.Tests.Silo.Storage;

public sealed class MemoryReminderStoreTests(MemoryStoreFixture store) : ReminderStoreContractTests(store), IClassFixture<MemoryStoreFixture>;
