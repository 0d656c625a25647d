using PaySim.Grains;

namespace PaySim.Tests.Grains;

public sealed class MoneyRecoveryOptionsValidatorTests
{
    [Theory]
    [InlineData("00:00:01")]
    [InlineData("00:01:00")]
    [InlineData("1.00:00:00")]
    public void Validate_ADelayFromOneSecondToOneDay_Succeeds(string delay)
    {
        var result = new MoneyRecoveryOptionsValidator().Validate(null, new MoneyRecoveryOptions { RecoveryDelay = TimeSpan.Parse(delay) });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:01:00")]
    [InlineData("00:00:00.999")]
    [InlineData("1.00:00:01")]
    public void Validate_ADelayOutsideTheBounds_FailsNamingTheSetting(string delay)
    {
        var result = new MoneyRecoveryOptionsValidator().Validate(null, new MoneyRecoveryOptions { RecoveryDelay = TimeSpan.Parse(delay) });

        Assert.True(result.Failed);
        Assert.Contains("PaySim:Recovery:RecoveryDelay", result.FailureMessage);
    }

    [Fact]
    public void Defaults_AreValid_AndOneMinute()
    {
        var options = new MoneyRecoveryOptions();

        Assert.Equal(TimeSpan.FromMinutes(1), options.RecoveryDelay);
        Assert.True(new MoneyRecoveryOptionsValidator().Validate(null, options).Succeeded);
    }
}
