namespace PaySim.Tests.Silo.Storage;

public sealed class PostgreSqlReminderStoreTests(PostgreSqlStoreFixture store) : ReminderStoreContractTests(store), IClassFixture<PostgreSqlStoreFixture>;
