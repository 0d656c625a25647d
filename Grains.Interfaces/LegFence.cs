using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>What an account answers when a refused leg (a debit or a credit) is fenced.</summary>
[GenerateSerializer, Alias("paysim.LegFence")]
public enum LegFence
{
    /// <summary>The leg was never applied, and now never will be.</summary>
    Fenced,

    /// <summary>The leg had been applied after all (a retry or a stale copy of the movement got through first).</summary>
    Applied,
}
