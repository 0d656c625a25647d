using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>What a payee answers when a refused credit is fenced before its debit is reversed.</summary>
[GenerateSerializer, Alias("paysim.CreditFence")]
public enum CreditFence
{
    /// <summary>The credit was never applied, and now never will be: the debit may be reversed.</summary>
    Fenced,

    /// <summary>The credit had been applied after all (a retry or a stale copy got through first): the movement is complete.</summary>
    CreditApplied,
}
