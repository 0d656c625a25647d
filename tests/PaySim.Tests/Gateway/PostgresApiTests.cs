namespace PaySim.Tests.Gateway;

// The HTTP suites bound to the PostgreSQL store: one shared gateway (collection fixture) for all of them. The bindings
// are one-liners, so they share this file rather than each taking one.

[CollectionDefinition(Name)]
public sealed class PostgresApiCollection : ICollectionFixture<PostgresApiFixture>
{
    public const string Name = "PaySim API on PostgreSQL";
}

[Collection(PostgresApiCollection.Name)]
public sealed class AccountApiPostgresTests(PostgresApiFixture fixture) : AccountApiTests(fixture);

[Collection(PostgresApiCollection.Name)]
public sealed class MoneyApiPostgresTests(PostgresApiFixture fixture) : MoneyApiTests(fixture);

[Collection(PostgresApiCollection.Name)]
public sealed class TradeApiPostgresTests(PostgresApiFixture fixture) : TradeApiTests(fixture);

[Collection(PostgresApiCollection.Name)]
public sealed class RequestValidationApiPostgresTests(PostgresApiFixture fixture) : RequestValidationApiTests(fixture);

[Collection(PostgresApiCollection.Name)]
public sealed class PayerCodeApiPostgresTests(PostgresApiFixture fixture) : PayerCodeApiTests(fixture);
