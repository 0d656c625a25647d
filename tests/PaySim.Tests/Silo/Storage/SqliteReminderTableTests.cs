namespace PaySim.Tests.Silo.Storage;

public sealed class SqliteReminderTableTests(SqliteStoreFixture store) : ReminderTableContractTests(store), IClassFixture<SqliteStoreFixture>;
