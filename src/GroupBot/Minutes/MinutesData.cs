using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroupBot.Minutes;

/// <summary>Meeting minutes, every version.</summary>
public static class MinutesData
{
    extension(GroupBotDb db)
    {
        public DbSet<MeetingMinutes> Minutes => db.Set<MeetingMinutes>();
    }
}

internal sealed class MeetingMinutesConfiguration : IEntityTypeConfiguration<MeetingMinutes>
{
    public void Configure(EntityTypeBuilder<MeetingMinutes> e)
    {
        e.ToTable("Minutes");
        e.HasIndex(x => new { x.MeetingId, x.Version }).IsUnique();
        e.HasIndex(x => x.GroupId);
    }
}
