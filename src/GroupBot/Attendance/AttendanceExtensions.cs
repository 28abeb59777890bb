using GroupBot.Chat;

namespace GroupBot.Attendance;

public static class AttendanceExtensions
{
    /// <summary>Meetings, self-reported attendance and the leader's roll call.</summary>
    public static IHostApplicationBuilder AddAttendance(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<MeetingSchedule>();
        s.AddFlow<RollCallFlow>();
        s.AddCommand<PresentCommand>();
        s.AddCommand<ExcusedCommand>();
        s.AddCommand<SickCommand>();
        s.AddCommand<MeetingCommand>();
        s.AddCommand<StartMeetingCommand>();
        s.AddCommand<RollCallCommand>();
        return builder;
    }
}
