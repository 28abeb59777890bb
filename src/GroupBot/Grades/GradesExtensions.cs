using GroupBot.Chat;

namespace GroupBot.Grades;

public static class GradesExtensions
{
    /// <summary>The group health grade ("nilai kelompok") and its settings (Grades:*).</summary>
    public static IHostApplicationBuilder AddGrades(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<GradeOptions>().BindConfiguration(GradeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton<GroupGrades>();
        s.AddCommand<GradeCommand>();
        return builder;
    }
}
