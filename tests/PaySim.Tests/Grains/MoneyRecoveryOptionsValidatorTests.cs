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
    public void Defaults_AreValid_AndOneMinute_WithAnInFlightBoundOfTenDelays()
    {
        var options = new MoneyRecoveryOptions();

        Assert.Equal(TimeSpan.FromMinutes(1), options.RecoveryDelay);
        Assert.Null(options.InFlightAgeMax);
        Assert.Equal(TimeSpan.FromMinutes(10), options.InFlightAgeBound);
        Assert.True(new MoneyRecoveryOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void UnsetInFlightBound_FollowsTheRecoveryDelay()
    {
        Assert.Equal(TimeSpan.FromSeconds(50), new MoneyRecoveryOptions { RecoveryDelay = TimeSpan.FromSeconds(5) }.InFlightAgeBound);
    }

    [Theory]
    [InlineData("00:01:00", "00:02:00")]
    [InlineData("00:01:00", "7.00:00:00")]
    public void Validate_AnInFlightBoundOfAtLeastTwoRecoveryDelays_SucceedsAndIsTheBound(string delay, string bound)
    {
        var options = new MoneyRecoveryOptions { RecoveryDelay = TimeSpan.Parse(delay), InFlightAgeMax = TimeSpan.Parse(bound) };

        Assert.True(new MoneyRecoveryOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.Parse(bound), options.InFlightAgeBound);
    }

    [Theory]
    [InlineData("00:01:00", "00:01:59")]
    [InlineData("00:01:00", "00:00:00")]
    [InlineData("00:01:00", "-00:05:00")]
    public void Validate_AnInFlightBoundBelowTwoRecoveryDelays_FailsNamingTheSetting(string delay, string bound)
    {
        var result = new MoneyRecoveryOptionsValidator().Validate(
            null, new MoneyRecoveryOptions { RecoveryDelay = TimeSpan.Parse(delay), InFlightAgeMax = TimeSpan.Parse(bound) });

        Assert.True(result.Failed);
        Assert.Contains("PaySim:Recovery:InFlightAgeMax", result.FailureMessage);
    }
}
