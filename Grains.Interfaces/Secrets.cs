namespace PaySim.Grains.Interfaces;

/// <summary>How contracts that carry a password, key, token or signature print it: never in clear, so a log line cannot hold it.</summary>
public static class Secrets
{
    public const string Mask = "***";
}
