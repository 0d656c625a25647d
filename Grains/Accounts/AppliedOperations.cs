namespace PaySim.Grains.Accounts;

/// <summary>
/// The operation ids this activation applied, most recent <see cref="CountMax"/> only. It answers the common retry
/// (the same caller again, soon) without a storage read; older ids are found in the stored journal when the caller
/// says the movement may be a retry, and a duplicate that slips past both is refused by the journal's unique ids.
/// </summary>
internal sealed class AppliedOperations
{
    /// <summary>Bounds memory per account activation; a hot account forgets ids beyond this, oldest first.</summary>
    public const int CountMax = 4096;

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool Contains(string operationId) => _ids.Contains(operationId);

    public void Add(string operationId)
    {
        if (!_ids.Add(operationId))
        {
            return;
        }

        _order.Enqueue(operationId);
        if (_order.Count > CountMax)
        {
            _ids.Remove(_order.Dequeue());
        }
    }
}
