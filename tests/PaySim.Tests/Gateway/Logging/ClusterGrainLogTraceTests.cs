using PaySim.Gateway.Hosting;
using PaySim.Tests.TestingHost;
using static PaySim.Tests.Gateway.Logging.TracedRequests;

namespace PaySim.Tests.Gateway.Logging;

/// <summary>
/// Cluster mode, as deployed: a standalone silo process and a gateway process that is only its Orleans client, both
/// logging JSON, on a fresh PostgreSQL database (PAYSIM_TEST_POSTGRES must be set; the test fails without it). The
/// trace crosses the process boundary in the grain call's request context.
/// </summary>
public sealed class ClusterGrainLogTraceTests
{
    [Fact]
    public async Task SiloProcessGrainLine_CarriesTheTraceIdOfTheRequestTheClusterGatewayReceived()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "paysim-log-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["PaySim__Storage__Provider"] = "PostgreSql",
            ["PaySim__Storage__ConnectionString"] = database.ConnectionString,
            ["PaySim__Storage__DataDirectory"] = dataDirectory,
            ["PaySim__Cluster__Membership"] = "PostgreSql",
            ["PaySim__Cluster__ClusterId"] = $"paysim-logs-{Guid.NewGuid():N}",
            ["PaySim__Admin__Token"] = PaySimApiFixture.AdminToken,
            ["PaySim__Merchant__SecretKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["PaySim__Logging__Format"] = "Json",
        };
        try
        {
            await using var silo = SiloProcess.Start(settings);
            // The gateway answers /health only once its client reached the silo.
            await using var gateway = await GatewayProcess.StartAsync(settings);

            var requestId = await SendConflictingDepositAsync(gateway.Client, TestAccountSeeder.EmptyAccount);

            var line = await Eventually.HoldsAsync(
                () => Task.FromResult(JsonLogLines.Find(silo.Output, AccountGrainCategory, requestId)),
                found => found is not null,
                "the silo wrote the account grain's conflict warning");
            Assert.Equal(TraceId, JsonLogLines.TraceId(line!.Value));
            Assert.Null(JsonLogLines.Find(gateway.Output, AccountGrainCategory, requestId));
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }
}
