using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Groups;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GroupBot.Data;

public sealed class GroupBotDb(DbContextOptions<GroupBotDb> options) : DbContext(options)
{
    public DbSet<Village> Villages => Set<Village>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<JoinCode> JoinCodes => Set<JoinCode>();
    public DbSet<FacilitatorAssignment> FacilitatorAssignments => Set<FacilitatorAssignment>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<ChatIdentity> ChatIdentities => Set<ChatIdentity>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<AttendanceRecord> Attendance => Set<AttendanceRecord>();
    public DbSet<Savings.SavingsReport> SavingsReports => Set<Savings.SavingsReport>();
    public DbSet<Minutes.MeetingMinutes> Minutes => Set<Minutes.MeetingMinutes>();
    public DbSet<Trainings.Training> Trainings => Set<Trainings.Training>();
    public DbSet<Trainings.Invitation> Invitations => Set<Trainings.Invitation>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<InboxEntry> Inbox => Set<InboxEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<ChannelState> ChannelStates => Set<ChannelState>();
    public DbSet<Channels.Telegram.CallbackAlias> CallbackAliases => Set<Channels.Telegram.CallbackAlias>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC and must come back as UTC, not Unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Village>(e =>
        {
            e.HasIndex(x => x.Name).IsUnique();
            e.Property(x => x.Name).HasMaxLength(80).UseCollation("NOCASE");
        });
        modelBuilder.Entity<Group>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(80).UseCollation("NOCASE");
            e.HasIndex(x => new { x.VillageId, x.Name });
            e.HasIndex(x => x.TelegramChatId);
            e.Property(x => x.Venue).HasMaxLength(200);
        });
        modelBuilder.Entity<Membership>(e =>
        {
            e.HasIndex(x => new { x.PersonId, x.GroupId }).IsUnique();
            e.HasOne(x => x.Person).WithMany(p => p.Memberships).HasForeignKey(x => x.PersonId);
            e.HasOne(x => x.Group).WithMany(g => g.Memberships).HasForeignKey(x => x.GroupId);
        });
        modelBuilder.Entity<JoinCode>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(12);
        });
        modelBuilder.Entity<FacilitatorAssignment>().HasIndex(x => new { x.PersonId, x.VillageId }).IsUnique();
        modelBuilder.Entity<Person>(e =>
        {
            // People type names in any case: "SITI AMINAH" is Siti Aminah.
            e.Property(x => x.Name).HasMaxLength(80).UseCollation("NOCASE");
            e.Property(x => x.Language).HasMaxLength(2);
            e.HasIndex(x => x.Phone);
        });
        modelBuilder.Entity<ChatIdentity>(e =>
        {
            e.HasIndex(x => new { x.Channel, x.Address }).IsUnique();
            e.HasOne(x => x.Person).WithMany(p => p.Identities).HasForeignKey(x => x.PersonId);
        });
        modelBuilder.Entity<Meeting>(e =>
        {
            e.HasIndex(x => new { x.GroupId, x.Date }).IsUnique();
            e.HasMany(x => x.Attendance).WithOne(a => a.Meeting).HasForeignKey(a => a.MeetingId);
        });
        modelBuilder.Entity<AttendanceRecord>().HasIndex(x => new { x.MeetingId, x.PersonId }).IsUnique();
        modelBuilder.Entity<Savings.SavingsReport>(e =>
        {
            e.HasIndex(x => new { x.MeetingId, x.Version }).IsUnique();
            e.HasIndex(x => x.GroupId);
        });
        modelBuilder.Entity<Minutes.MeetingMinutes>(e =>
        {
            e.HasIndex(x => new { x.MeetingId, x.Version }).IsUnique();
            e.HasIndex(x => x.GroupId);
        });
        modelBuilder.Entity<Trainings.Training>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(120);
            e.Property(x => x.Venue).HasMaxLength(200);
            e.HasIndex(x => x.StartDate);
        });
        modelBuilder.Entity<Trainings.Invitation>(e =>
        {
            e.HasIndex(x => new { x.TrainingId, x.PersonId }).IsUnique();
            e.HasIndex(x => x.PersonId);
        });
        modelBuilder.Entity<Conversation>(e =>
        {
            e.HasIndex(x => new { x.Channel, x.ChatId, x.UserId }).IsUnique();
            e.HasIndex(x => x.ExpiresUtc);
        });
        modelBuilder.Entity<InboxEntry>(e =>
        {
            e.HasIndex(x => new { x.Channel, x.ExternalId }).IsUnique();
            e.HasIndex(x => new { x.ProcessedUtc, x.ChatKey });
            e.HasIndex(x => new { x.ChatKey, x.ReceivedUtc });
        });
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.HasIndex(x => new { x.Status, x.NextAttemptUtc });
            e.HasIndex(x => new { x.Channel, x.ChatId });
            e.HasIndex(x => x.InboxEntryId);
            e.HasIndex(x => x.DeliveryKey).IsUnique();
        });
        modelBuilder.Entity<AuditEntry>().HasIndex(x => new { x.Entity, x.EntityId });
        modelBuilder.Entity<ChannelState>().HasKey(x => x.Key);
        modelBuilder.Entity<Channels.Telegram.CallbackAlias>().HasKey(x => x.Key);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
