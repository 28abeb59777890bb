using GroupBot.Chat;

namespace GroupBot.Planning;

public static class PlanningExtensions
{
    /// <summary>Village planning (Musrenbang): each village's planning calendar.</summary>
    public static IHostApplicationBuilder AddPlanning(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddFlow<PlanningEventFlow>();
        s.AddFlow<ChangePlanningEventFlow>();
        s.AddCommand<PlanningCalendarCommand>();
        s.AddCommand<AddPlanningEventCommand>();
        s.AddCommand<ChangePlanningEventCommand>();
        return builder;
    }
}
