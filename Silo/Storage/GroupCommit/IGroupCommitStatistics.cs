namespace PaySim.Silo.Storage.GroupCommit;

/// <summary>Counts of one store's group commits, for tests and the benchmark (the metrics carry the same numbers).</summary>
internal interface IGroupCommitStatistics
{
    /// <summary>Transactions committed so far.</summary>
    long CommitCount { get; }

    /// <summary>Writes those transactions carried.</summary>
    long WriteCount { get; }
}
