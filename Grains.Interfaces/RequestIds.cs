namespace PaySim.Grains.Interfaces;

/// <summary>
/// The ids that make a money request idempotent: the client's <c>requestId</c> when it sent one, or one the edge makes
/// for a request that came without, so that the edge's own repeats of the call apply the money once. The two can never
/// be spelled alike, whatever text clients send: a client's id has at most <see cref="ClientLengthMax"/> characters,
/// and an edge-made one is longer.
/// </summary>
public static class RequestIds
{
    /// <summary>Longest request id a client may send; it becomes a transfer key and part of ledger operation ids.</summary>
    public const int ClientLengthMax = 64;

    /// <summary>A new id for a request that came without one: 69 characters, so no client's id equals it.</summary>
    public static string NewForUnnamedRequest() => "edge:" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");

    /// <summary>Whether <paramref name="requestId"/> is of the edge-made kind.</summary>
    public static bool IsEdgeMade(string requestId) => requestId.Length > ClientLengthMax;
}
