using GroupBot.Chat;
using GroupBot.People;

namespace GroupBot.Groups;

public static class GroupsExtensions
{
    /// <summary>Villages, groups, join codes, onboarding, members, facilitators, language.</summary>
    public static IHostApplicationBuilder AddGroups(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddFlow<OnboardingFlow>();
        s.AddFlow<NewGroupFlow>();
        s.AddFlow<RecognizeFlow>();
        s.AddCommand<StartCommand>();
        s.AddCommand<LanguageCommand>();
        s.AddCommand<AddVillageCommand>();
        s.AddCommand<ListVillagesCommand>();
        s.AddCommand<AddFacilitatorCommand>();
        s.AddCommand<NewGroupCommand>();
        s.AddCommand<ListGroupsCommand>();
        s.AddCommand<DeleteGroupCommand>();
        s.AddCommand<CodesCommand>();
        s.AddCommand<NewCodesCommand>();
        s.AddCommand<ListMembersCommand>();
        s.AddCommand<AddMemberCommand>();
        s.AddCommand<LinkChatCommand>();
        s.AddCommand<MyDataCommand>();
        s.AddCommand<DeleteMyDataCommand>();
        return builder;
    }
}
