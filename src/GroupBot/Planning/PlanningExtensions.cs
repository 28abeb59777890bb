using GroupBot.Chat;
using GroupBot.Scheduling;

namespace GroupBot.Planning;

public static class PlanningExtensions
{
    /// <summary>Village planning (Musrenbang): each village's calendar, the groups' proposals and what became of them, their delegates.</summary>
    public static IHostApplicationBuilder AddPlanning(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddFlow<PlanningEventFlow>();
        s.AddFlow<ChangePlanningEventFlow>();
        s.AddCommand<PlanningCalendarCommand>();
        s.AddCommand<AddPlanningEventCommand>();
        s.AddCommand<ChangePlanningEventCommand>();
        s.AddFlow<ProposalFlow>();
        s.AddFlow<ProposalStatusFlow>();
        s.AddCommand<ProposalsCommand>();
        s.AddCommand<AddProposalCommand>();
        s.AddCommand<ProposalStatusCommand>();
        s.AddFlow<EditProposalFlow>();
        s.AddCommand<EditProposalCommand>();
        s.AddFlow<JoinProposalsFlow>();
        s.AddCommand<JoinProposalsCommand>();
        s.AddFlow<CarryProposalsFlow>();
        s.AddCommand<CarryProposalsCommand>();
        s.AddCommand<PlanningSummaryCommand>();
        s.AddFlow<DelegatesFlow>();
        s.AddFlow<DelegatesAttendedFlow>();
        s.AddCommand<DelegatesCommand>();
        s.AddCommand<DelegatesAttendedCommand>();
        s.AddCommand<ProposalOutcomeCommand>();
        s.AddScoped<PlanningReminders>();
        s.AddScheduleSync<PlanningSchedule>();
        return builder;
    }
}
