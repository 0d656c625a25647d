namespace PaySim.Tests.Gateway;

/// <summary>The last lines a child process wrote; only the tail is kept, so a chatty child cannot grow memory without bound.</summary>
public sealed class OutputTail
{
    private const int LineCountMax = 200;

    private readonly Queue<string> _lines = new();

    /// <summary>Keeps <paramref name="line"/>; null (the end of a stream) is ignored. Safe from any thread.</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > LineCountMax)
            {
                _lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (_lines)
        {
            return string.Join(Environment.NewLine, _lines);
        }
    }
}
