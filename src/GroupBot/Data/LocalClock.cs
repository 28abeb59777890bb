using Microsoft.Extensions.Options;

namespace GroupBot.Data;

/// <summary>
/// Converts between stored UTC instants and the deployment's local time (WIB by default).
/// Everything that needs "now" goes through the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class LocalClock
{
    private readonly TimeProvider _time;

    public LocalClock(TimeProvider time, IOptions<GroupBotOptions> options)
    {
        _time = time;
        Zone = TryFindZone(options.Value.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    public TimeZoneInfo Zone { get; }

    public DateTime UtcNow => _time.GetUtcNow().UtcDateTime;

    public DateTime LocalNow => TimeZoneInfo.ConvertTimeFromUtc(UtcNow, Zone);

    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The UTC instant of a local date and time.</summary>
    public DateTime ToUtc(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time, DateTimeKind.Unspecified), Zone);

    public static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
