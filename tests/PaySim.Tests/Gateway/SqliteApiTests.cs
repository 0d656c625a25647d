namespace PaySim.Tests.Gateway;

// The HTTP suites bound to the SQLite store: one shared gateway (collection fixture) for all of them. The bindings
// are one-liners, so they share this file rather than each taking one.

[CollectionDefinition(Name)]
public sealed class SqliteApiCollection : ICollectionFixture<SqliteApiFixture>
{
    public const string Name = "PaySim API on SQLite";
}

[Collection(SqliteApiCollection.Name)]
public sealed class AccountApiSqliteTests(SqliteApiFixture fixture) : AccountApiTests(fixture);

[Collection(SqliteApiCollection.Name)]
public sealed class MoneyApiSqliteTests(SqliteApiFixture fixture) : MoneyApiTests(fixture);

[Collection(SqliteApiCollection.Name)]
public sealed class TradeApiSqliteTests(SqliteApiFixture fixture) : TradeApiTests(fixture);

[Collection(SqliteApiCollection.Name)]
public sealed class RequestValidationApiSqliteTests(SqliteApiFixture fixture) : RequestValidationApiTests(fixture);

[Collection(SqliteApiCollection.Name)]
public sealed class PayerCodeApiSqliteTests(SqliteApiFixture fixture) : PayerCodeApiTests(fixture);
