using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Data;

/// <summary>A running bot process, as the others see it: it checks in every few seconds.</summary>
public sealed class BotInstance
{
    public required string Id { get; set; }
    public required string Host { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime SeenUtc { get; set; }
}

/// <summary>
/// A named claim with an expiry, held by one instance: "in:telegram:123" (this chat's updates are
/// handled here), "out:whatsapp:62812…" (its messages are sent from here), "telegram:setup".
/// A crashed instance's leases simply expire.
/// </summary>
public sealed class Lease
{
    public required string Name { get; set; }
    public required string Owner { get; set; }
    public DateTime ExpiresUtc { get; set; }
}

/// <summary>This process's id among the instances (host, process, and a random part for restarts).</summary>
public sealed class InstanceIdentity
{
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}

/// <summary>
/// Leases in the database, so that several instances on one PostgreSQL agree on who does what.
/// On SQLite the bot runs as one instance (its scheduler file cannot be shared), so every lease is
/// this process's and nothing is written. Leases count physical time (the system clock), not the
/// injected domain clock: instances on several machines must agree on it (Quartz clustering asks
/// for synchronised clocks too).
/// </summary>
public sealed class Leases(IServiceScopeFactory scopes, DatabaseSettings database, InstanceIdentity me)
{
    private readonly ConcurrentDictionary<string, DateTime> _held = new(StringComparer.Ordinal);

    /// <summary>True when several instances can share the database (PostgreSQL).</summary>
    public bool Shared => database.IsPostgres;

    public string Owner => me.Id;

    /// <summary>
    /// Takes or renews <paramref name="name"/> for <paramref name="duration"/>, unless another
    /// instance holds it unexpired. A lease held with more than half its time left is not written again.
    /// </summary>
    public async Task<bool> TryTakeAsync(string name, TimeSpan duration, CancellationToken ct)
    {
        if (!Shared)
        {
            return true;
        }

        var now = TimeProvider.System.GetUtcNow().UtcDateTime; // physical time, see the class summary
        if (_held.TryGetValue(name, out var until) && until - now > duration / 2)
        {
            return true;
        }

        var expires = now + duration;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var owner = me.Id;
        var taken = await db.Set<Lease>()
            .Where(l => l.Name == name && (l.Owner == owner || l.ExpiresUtc < now))
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresUtc, expires), ct) == 1;
        if (!taken)
        {
            db.Set<Lease>().Add(new Lease { Name = name, Owner = owner, ExpiresUtc = expires });
            try
            {
                await db.SaveChangesAsync(ct);
                taken = true;
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // Another instance holds it.
            }
        }

        if (taken)
        {
            _held[name] = expires;
        }
        else
        {
            _held.TryRemove(name, out _);
        }

        return taken;
    }

    /// <summary>Lets go of a lease this instance holds, so another can take it at once.</summary>
    public async Task ReleaseAsync(string name, CancellationToken ct)
    {
        if (!Shared)
        {
            return;
        }

        _held.TryRemove(name, out _);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var owner = me.Id;
        await db.Set<Lease>().Where(l => l.Name == name && l.Owner == owner).ExecuteDeleteAsync(ct);
    }

    /// <summary>At a clean stop: everything this instance held goes back at once.</summary>
    internal async Task ReleaseAllAsync(CancellationToken ct)
    {
        _held.Clear();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var owner = me.Id;
        await db.Set<Lease>().Where(l => l.Owner == owner).ExecuteDeleteAsync(ct);
    }
}

/// <summary>Something that works only while the bot runs as one instance (Telegram's getUpdates polling).</summary>
public interface ISingleInstanceOnly
{
    /// <summary>Null when the setting allows several instances; otherwise the sentence to refuse a second one with.</summary>
    string? Refusal { get; }
}

/// <summary>
/// The instances sharing this database: each checks in every <see cref="CheckinInterval"/> and is
/// counted as live until <see cref="LiveFor"/> after its last check-in. Deployment-wide limits
/// (a channel's messages per second) are shared out between the live instances. At start, a
/// process whose settings allow only one instance is refused while another is live.
/// </summary>
public sealed class InstanceRegistry(
    IServiceScopeFactory scopes,
    InstanceIdentity me,
    Leases leases,
    IEnumerable<ISingleInstanceOnly> singles,
    ILogger<InstanceRegistry> logger) : BackgroundService
{
    public static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LiveFor = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);
    private static readonly TimeSpan LeaseKept = TimeSpan.FromMinutes(5);

    private volatile int _live = 1;

    /// <summary>How many instances are live now, this one included (at least 1).</summary>
    public int LiveInstances => _live;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (leases.Shared)
        {
            var others = await CheckInAsync(cancellationToken);
            if (others > 0 && singles.Select(s => s.Refusal).FirstOrDefault(r => r is not null) is { } refusal)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
                await db.Set<BotInstance>().Where(i => i.Id == me.Id).ExecuteDeleteAsync(cancellationToken);
                throw new InvalidOperationException($"{others} other GroupBot instance(s) are running on this database. {refusal}");
            }

            logger.LogInformation("Instance {Instance} started; {Others} other instance(s) live", me.Id, others);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!leases.Shared)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(CheckinInterval, stoppingToken);
                await CheckInAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Instance check-in failed; trying again");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!leases.Shared)
        {
            return;
        }

        try
        {
            await leases.ReleaseAllAsync(cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
            await db.Set<BotInstance>().Where(i => i.Id == me.Id).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception ex) when (DbErrors.IsUnavailable(ex))
        {
            logger.LogWarning("Could not sign off at stop; this instance's leases expire on their own");
        }
    }

    /// <summary>Records this instance as seen now; returns how many others are live.</summary>
    private async Task<int> CheckInAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime; // physical time, see the class summary
        var id = me.Id;
        if (await db.Set<BotInstance>().Where(i => i.Id == id).ExecuteUpdateAsync(u => u.SetProperty(i => i.SeenUtc, now), ct) == 0)
        {
            db.Set<BotInstance>().Add(new BotInstance { Id = id, Host = Environment.MachineName, StartedUtc = now, SeenUtc = now });
            await db.SaveChangesAsync(ct);
        }

        var forgotten = now - ForgetAfter;
        await db.Set<BotInstance>().Where(i => i.SeenUtc < forgotten).ExecuteDeleteAsync(ct);

        // Expired leases name chats (chat ids are personal data): gone a few minutes after they lapse.
        var lapsed = now - LeaseKept;
        await db.Set<Lease>().Where(l => l.ExpiresUtc < lapsed).ExecuteDeleteAsync(ct);
        var since = now - LiveFor;
        var others = await db.Set<BotInstance>().CountAsync(i => i.Id != id && i.SeenUtc >= since, ct);
        _live = others + 1;
        return others;
    }
}
