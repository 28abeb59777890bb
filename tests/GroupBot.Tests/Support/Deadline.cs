using System.Diagnostics;

namespace GroupBot.Tests.Support;

/// <summary>
/// "For at most this long", on the monotonic <see cref="Stopwatch"/>: a wait that a wall-clock
/// step (NTP, a resumed VM) can neither cut short nor stretch, and that needs no DateTime.UtcNow.
/// </summary>
public sealed class Deadline
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly TimeSpan _length;

    private Deadline(TimeSpan length) => _length = length;

    public static Deadline In(TimeSpan length) => new(length);

    public bool Passed => Stopwatch.GetElapsedTime(_start) >= _length;
}
