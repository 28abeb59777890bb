using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GroupBot.Data;

/// <summary>
/// The one unit of work. It names no feature: each floor and feature maps its own entities
/// (an <see cref="IEntityTypeConfiguration{TEntity}"/> next to them, found in this assembly) and
/// gives the context its tables as extension properties (<c>db.Groups</c>, <c>db.Outbox</c>).
/// </summary>
public class GroupBotDb : DbContext
{
    public GroupBotDb(DbContextOptions<GroupBotDb> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context type (<see cref="PostgresDb"/>): its migrations are found by that type.</summary>
    protected GroupBotDb(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<ChannelState> ChannelStates => Set<ChannelState>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC and must come back as UTC, not Unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>().HasIndex(x => new { x.Entity, x.EntityId });
        modelBuilder.Entity<ChannelState>().HasKey(x => x.Key);
        modelBuilder.Entity<Lease>(e =>
        {
            e.ToTable("Leases");
            e.HasKey(x => x.Name);
            e.HasIndex(x => x.Owner);
        });
        modelBuilder.Entity<BotInstance>(e =>
        {
            e.ToTable("Instances");
            e.HasKey(x => x.Id);
        });
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GroupBotDb).Assembly);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
