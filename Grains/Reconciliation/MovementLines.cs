namespace PaySim.Grains.Reconciliation;

/// <summary>
/// The ledger lines of one movement between accounts, as reconciliation sums them: they net to zero once its credit
/// (or the reversal of its debit) is applied. Amounts are summed in <see cref="Int128"/> so no history can overflow.
/// </summary>
internal sealed class MovementLines
{
    /// <summary>Credits minus debits.</summary>
    public Int128 NetFen { get; private set; }

    /// <summary>How many lines took money (negative amount); a movement debits once.</summary>
    public int DebitCount { get; private set; }

    /// <summary>How many lines gave money (positive amount); a zero line (a fence) is neither debit nor credit.</summary>
    public int CreditCount { get; private set; }

    /// <summary>The ledger reference of its lines (the transfer, trade or order), for people reading the report.</summary>
    public string Reference { get; private set; } = "";

    public void Add(long amountFen, string? reference)
    {
        NetFen += amountFen;
        if (amountFen < 0)
        {
            DebitCount++;
        }
        else if (amountFen > 0)
        {
            CreditCount++;
        }

        if (Reference.Length == 0 && !string.IsNullOrEmpty(reference))
        {
            Reference = reference;
        }
    }

    /// <summary>Whether the lines are exactly one debit and nothing given back yet: what a movement in flight looks like.</summary>
    public bool IsLoneDebit => DebitCount == 1 && CreditCount == 0;
}
