using PaySim.Silo.Hosting;

namespace PaySim.Tests.Silo.Hosting;

public sealed class PaySimMetricsOptionsValidatorTests
{
    private readonly PaySimMetricsOptionsValidator _validator = new();

    [Fact]
    public void Defaults_Pass_WithNoScrapePort()
    {
        var options = new PaySimMetricsOptions();

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Null(options.Port);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Port_OutsideTcpRange_FailsNamingTheSetting(int port)
    {
        var result = _validator.Validate(null, new PaySimMetricsOptions { Port = port });

        Assert.Contains("PaySim:Metrics:Port", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleInterval_UnderASecond_FailsNamingTheSetting()
    {
        var result = _validator.Validate(null, new PaySimMetricsOptions { SampleInterval = TimeSpan.FromMilliseconds(200) });

        Assert.Contains("PaySim:Metrics:SampleInterval", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_Blank_FailsNamingTheSetting()
    {
        var result = _validator.Validate(null, new PaySimMetricsOptions { Host = " " });

        Assert.Contains("PaySim:Metrics:Host", result.FailureMessage, StringComparison.Ordinal);
    }
}
