using GroupBot.Chat;

namespace GroupBot.Trainings;

public static class TrainingsExtensions
{
    public static IHostApplicationBuilder AddTrainings(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddFlow<NewTrainingFlow>();
        s.AddFlow<MoveTrainingFlow>();
        s.AddCommand<NewTrainingCommand>();
        s.AddCommand<TrainingsCommand>();
        s.AddCommand<RsvpCommand>();
        s.AddCommand<MoveTrainingCommand>();
        s.AddCommand<CancelTrainingCommand>();
        return builder;
    }
}
