using GroupBot.Chat;

namespace GroupBot.Groups;

public static class GroupsExtensions
{
    /// <summary>Villages, groups, join codes, members, facilitators, a group's linked Telegram chat.</summary>
    public static IHostApplicationBuilder AddGroups(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddFlow<NewGroupFlow>();
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
        return builder;
    }
}
