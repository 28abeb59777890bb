using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroupBot.Attendance;

/// <summary>Meetings and who attended.</summary>
public static class AttendanceData
{
    extension(GroupBotDb db)
    {
        public DbSet<Meeting> Meetings => db.Set<Meeting>();
        public DbSet<AttendanceRecord> Attendance => db.Set<AttendanceRecord>();
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> e)
    {
        e.ToTable("Meetings");
        e.HasIndex(x => new { x.GroupId, x.Date }).IsUnique();
        e.HasMany(x => x.Attendance).WithOne(a => a.Meeting).HasForeignKey(a => a.MeetingId);
    }
}

internal sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> e)
    {
        e.ToTable("Attendance");
        e.HasIndex(x => new { x.MeetingId, x.PersonId }).IsUnique();
    }
}
