namespace GroupBot.Data;

/// <summary>
/// Lets one chat step at a time hold SQLite's write lock. Each step's transaction takes the write
/// lock when it begins (BEGIN IMMEDIATE), so steps of different chats wait for each other anyway;
/// waiting here, in order, wakes the next one the moment the lock is free instead of leaving it to
/// SQLite's busy handler, which sleeps and retries.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new Exit(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
