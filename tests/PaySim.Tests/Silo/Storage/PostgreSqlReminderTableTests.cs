namespace PaySim.Tests.Silo.Storage;

public sealed class PostgreSqlReminderTableTests(PostgreSqlStoreFixture store) : ReminderTableContractTests(store), IClassFixture<PostgreSqlStoreFixture>;
