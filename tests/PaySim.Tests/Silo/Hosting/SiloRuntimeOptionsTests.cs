using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PaySim.Silo.Hosting;
using PaySim.Tests.TestingHost;

namespace PaySim.Tests.Silo.Hosting;

public sealed class SiloRuntimeOptionsTests
{
    private readonly SiloRuntimeOptionsValidator _validator = new();

    [Fact]
    public void Defaults_Pass()
    {
        Assert.True(_validator.Validate(null, new SiloRuntimeOptions()).Succeeded);
    }

    [Fact]
    public void DirectoryCacheSize_TooSmall_FailsNamingTheSetting()
    {
        var result = _validator.Validate(null, new SiloRuntimeOptions { DirectoryCacheSize = 999 });

        Assert.Contains("PaySim:Silo:DirectoryCacheSize", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectoryCacheSize_IsTheSilosDirectoryCacheSize_AHundredThousandByDefault()
    {
        await using (var byDefault = await PaySimTestCluster.StartAsync(new PaySimTestClusterOptions()))
        {
            Assert.Equal(100_000, byDefault.SiloServices().GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize);
        }

        await using var configured = await PaySimTestCluster.StartAsync(new PaySimTestClusterOptions
        {
            Settings = new Dictionary<string, string?> { ["PaySim:Silo:DirectoryCacheSize"] = "5000" },
        });
        Assert.Equal(5_000, configured.SiloServices().GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize);
    }
}
