using Orleans.Configuration;
using PaySim.Silo.Hosting;

namespace PaySim.Tests.Silo.Hosting;

[Trait("Tier", "Unit")]
public sealed class ClusterMembershipSettingsValidatorTests
{
    [Theory]
    [InlineData(ClusterMembershipKind.PostgreSql, FailureDetectionProfile.Loopback, "127.0.0.1")]
    [InlineData(ClusterMembershipKind.PostgreSql, FailureDetectionProfile.Network, "10.0.0.5")]
    [InlineData(ClusterMembershipKind.PostgreSql, FailureDetectionProfile.Network, "127.0.0.1")]
    [InlineData(ClusterMembershipKind.Localhost, FailureDetectionProfile.Loopback, "10.0.0.5")]
    public void Validate_AProfileThatFitsTheAddress_Succeeds(ClusterMembershipKind membership, FailureDetectionProfile profile, string address)
    {
        var result = Validate(new ClusterMembershipSettings { Membership = membership, FailureDetection = profile, AdvertisedAddress = address });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_LoopbackDetectionForASiloReachedOverTheNetwork_FailsNamingTheSettingToChange()
    {
        var result = Validate(new ClusterMembershipSettings
        {
            Membership = ClusterMembershipKind.PostgreSql,
            FailureDetection = FailureDetectionProfile.Loopback,
            AdvertisedAddress = "10.0.0.5",
        });

        Assert.True(result.Failed);
        Assert.Contains("PaySim:Cluster:FailureDetection=Network", result.FailureMessage);
    }

    [Fact]
    public void Validate_AnUndefinedProfile_FailsNamingTheSetting()
    {
        var result = Validate(new ClusterMembershipSettings { FailureDetection = (FailureDetectionProfile)7 });

        Assert.True(result.Failed);
        Assert.Contains("PaySim:Cluster:FailureDetection must be Loopback", result.FailureMessage);
    }

    [Fact]
    public void Apply_Loopback_DeclaresADeadSiloInAboutASecond_WithNoProbeTimeoutBelowHalfASecond()
    {
        var membership = new ClusterMembershipOptions();

        FailureDetectionProfiles.Apply(FailureDetectionProfile.Loopback, membership);

        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500), 2), (membership.ProbeTimeout, membership.MinProbeTimeout, membership.NumMissedProbesLimit));
        Assert.True(membership.EnableIndirectProbes && membership.ExtendProbeTimeoutDuringDegradation && membership.EnableConnectionLivenessCheck);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(ClusterMembershipSettings settings) =>
        new ClusterMembershipSettingsValidator().Validate(null, settings);
}
