using Microsoft.Extensions.Logging;

namespace PaySim.Silo.Storage.GroupCommit;

internal static partial class GroupCommitLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {WriteCount} writes failed in the {Store} store; running each write alone so only the bad ones fail")]
    public static partial void BatchFailed(ILogger logger, Exception exception, string store, int writeCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "A write failed in the {Store} store")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string store);
}
