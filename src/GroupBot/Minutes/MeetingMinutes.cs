namespace GroupBot.Minutes;

/// <summary>Meeting minutes, versioned like savings reports: a correction is a new version.</summary>
public sealed class MeetingMinutes
{
    public long Id { get; set; }
    public long MeetingId { get; set; }
    public Attendance.Meeting? Meeting { get; set; }
    public long GroupId { get; set; }
    public int Version { get; set; }
    public required string Topics { get; set; }
    public required string Decisions { get; set; }
    public string? FollowUp { get; set; }
    public DateOnly? NextMeetingDate { get; set; }

    /// <summary>Filled in from attendance when the minutes are written.</summary>
    public int Present { get; set; }
    public int Members { get; set; }

    /// <summary>Photos as the channel's file references with captions, JSON: [{"file":"…","caption":"…"}].</summary>
    public string PhotosJson { get; set; } = "[]";

    public long WrittenByPersonId { get; set; }
    public DateTime CreatedUtc { get; set; }
}

public sealed record MinutesPhoto(string File, string? Caption);
