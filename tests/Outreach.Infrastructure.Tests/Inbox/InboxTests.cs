using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Outreach.Domain.Common;
using Outreach.Domain.Inbox;
using Outreach.Domain.Messaging;
using Outreach.Domain.Prospects;
using Outreach.Domain.Teams;
using Outreach.Infrastructure.Data;
using Outreach.Infrastructure.Identity;
using Outreach.Infrastructure.Inbox;
using Outreach.Infrastructure.Messaging;
using Outreach.Infrastructure.Messaging.Inbound;
using Outreach.Infrastructure.Messaging.Queue;
using Outreach.Infrastructure.Tenancy;
using Outreach.TestSupport;

namespace Outreach.Infrastructure.Tests.Inbox;

/// <summary>
/// Triage against a real database: the bucket history, assignment, snooze and its return, labels, the SLA
/// count, search, permissions and team isolation. The clock is fixed and moved by hand.
/// </summary>
public sealed class InboxTests(InboxTests.InboxNode node) : IClassFixture<InboxTests.InboxNode>
{
    [Fact]
    public async Task A_move_records_who_moved_it_from_where_to_where_and_why_and_a_move_to_the_same_bucket_records_nothing()
    {
        var id = await node.ConversationAsync(node.TeamA, "+15122412001", "Hot lead", InboxBucket.HotResponses, LeadPriority.Hot);

        var moved = await Actions(node.TeamA).MoveAsync(node.AgentA, [id], InboxBucket.Objections, "Said the price is too high", default);
        var again = await Actions(node.TeamA).MoveAsync(node.AgentA, [id], InboxBucket.Objections, null, default);

        Assert.Equal(1, moved);
        Assert.Equal(0, again);
        var detail = await Queries(node.TeamA).GetConversationAsync(id, default);
        Assert.Equal(InboxBucket.Objections, detail!.Conversation.Bucket);
        var entry = Assert.Single(detail.History, e => e.Kind == ConversationEventKind.Moved);
        Assert.Equal(("HotResponses", "Objections", "Said the price is too high", "Ana Agent", node.AgentA.UserId),
            (entry.FromValue, entry.ToValue, entry.Reason, entry.ActorName, entry.ActorId));
    }

    [Fact]
    public async Task Assignment_names_the_member_and_a_stranger_cannot_be_assigned()
    {
        var id = await node.ConversationAsync(node.TeamA, "+15122412002", "Assign me", InboxBucket.Other, LeadPriority.Cold);

        await Actions(node.TeamA).AssignAsync(node.AgentA, [id], node.ManagerA, default);
        await Actions(node.TeamA).AssignAsync(node.AgentA, [id], node.AgentA.UserId, default);
        await Actions(node.TeamA).AssignAsync(node.AgentA, [id], null, default);
        var stranger = await Assert.ThrowsAsync<DomainException>(() => Actions(node.TeamA).AssignAsync(node.AgentA, [id], node.AgentB.UserId, default));

        Assert.Contains("active members", stranger.Message);
        var history = (await Queries(node.TeamA).GetConversationAsync(id, default))!.History.OrderBy(e => e.OccurredAt).ThenBy(e => e.Kind).ToList();
        Assert.Equal(
            ["Assigned to Max Manager", "Reassigned from Max Manager to Ana Agent", "Unassigned from Ana Agent"],
            history.Select(e => e.Describe()).Order().ToArray());
    }

    [Fact]
    public async Task A_snoozed_conversation_returns_by_itself_when_its_time_comes_and_not_before()
    {
        var id = await node.ConversationAsync(node.TeamA, "+15122412003", "Later", InboxBucket.Other, LeadPriority.Warm);
        var until = node.Clock.GetUtcNow().AddHours(1);

        await Actions(node.TeamA).SnoozeAsync(node.AgentA, [id], until, default);
        var early = await InboxActions.ReturnSnoozedAsync(node.Owner, until.AddMinutes(-1), default);
        var snoozed = await Queries(node.TeamA).GetPageAsync(new InboxFilter { Tab = InboxTab.Snoozed }, node.AgentA.UserId, 0, 50, default);
        var due = await InboxActions.ReturnSnoozedAsync(node.Owner, until, default);

        Assert.DoesNotContain(early, r => r.ConversationId == id);
        Assert.Contains(snoozed.Rows, r => r.Id == id && r.SnoozedUntil == until);
        Assert.Contains((node.TeamA, id), due);
        var detail = (await Queries(node.TeamA).GetConversationAsync(id, default))!;
        Assert.Equal(ConversationStatus.Open, detail.Conversation.Status);
        Assert.Null(detail.Conversation.SnoozedUntil);
        Assert.Contains(detail.History, e => e.Kind == ConversationEventKind.Returned);
        // The history keeps the moment, so each reader shows it in the team's zone.
        var snooze = Assert.Single(detail.History, e => e.Kind == ConversationEventKind.Snoozed);
        Assert.Equal(until, snooze.SnoozedUntil);
        Assert.Equal($"Snoozed until {until.UtcDateTime:yyyy-MM-dd HH:mm}", snooze.Describe(at => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        await Assert.ThrowsAsync<DomainException>(() => Actions(node.TeamA).SnoozeAsync(node.AgentA, [id], node.Clock.GetUtcNow().AddMinutes(-5), default));
    }

    [Fact]
    public async Task A_viewer_can_read_the_inbox_but_cannot_reply_or_change_anything()
    {
        var id = await node.ConversationAsync(node.TeamA, "+15122412004", "Viewer", InboxBucket.HotResponses, LeadPriority.Hot);
        var viewer = new InboxActor(node.ViewerA, "Vic Viewer", TeamRole.Viewer);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Actions(node.TeamA, viewer).ReplyAsync(viewer, id, "Hello there", default));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Actions(node.TeamA, viewer).MarkDoneAsync(viewer, [id], default));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Actions(node.TeamA, viewer).AssignAsync(viewer, [id], node.ViewerA, default));

        var page = await Queries(node.TeamA).GetPageAsync(new InboxFilter { Tab = InboxTab.All }, node.ViewerA, 0, 100, default);
        Assert.Contains(page.Rows, r => r.Id == id && r.Status == ConversationStatus.Open && r.AssigneeId == null);
        await using var db = node.Context(node.TeamA);
        Assert.False(await db.Set<Message>().AnyAsync(m => m.ConversationId == id && m.Direction == MessageDirection.Outbound));
    }

    [Fact]
    public async Task A_human_reply_stops_the_wait_clock_clears_unread_and_makes_the_replier_the_owner()
    {
        var id = await node.ConversationAsync(node.TeamA, "+15122412005", "Answer me", InboxBucket.HotResponses, LeadPriority.Hot,
            waitingFor: TimeSpan.FromHours(3));

        var result = await Actions(node.TeamA).ReplyAsync(node.AgentA, id, "Thanks, calling you now", default);

        Assert.True(result.IsQueued, result.Decision.Explanation);
        var conversation = (await Queries(node.TeamA).GetConversationAsync(id, default))!.Conversation;
        Assert.Null(conversation.WaitingSince);
        Assert.Equal(0, conversation.UnreadCount);
        Assert.Equal(node.AgentA.UserId, conversation.AssigneeId);
    }

    [Fact]
    public async Task Hot_leads_waiting_past_the_target_are_counted_and_filtered_as_overdue()
    {
        var late = await node.ConversationAsync(node.TeamA, "+15122412006", "Late hot", InboxBucket.HotResponses, LeadPriority.Hot, waitingFor: TimeSpan.FromMinutes(121));
        var fresh = await node.ConversationAsync(node.TeamA, "+15122412007", "Fresh hot", InboxBucket.HotResponses, LeadPriority.Hot, waitingFor: TimeSpan.FromMinutes(119));
        var coldLate = await node.ConversationAsync(node.TeamA, "+15122412008", "Cold late", InboxBucket.Other, LeadPriority.Cold, waitingFor: TimeSpan.FromHours(5));

        var overdue = await Queries(node.TeamA).GetPageAsync(new InboxFilter { Tab = InboxTab.All, OverdueOnly = true }, node.AgentA.UserId, 0, 100, default);
        var counts = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default);

        Assert.Contains(overdue.Rows, r => r.Id == late);
        Assert.DoesNotContain(overdue.Rows, r => r.Id == fresh || r.Id == coldLate);
        Assert.Equal(overdue.Total, counts.Overdue);
        Assert.True(InboxSla.IsBreached(LeadPriority.Hot, node.Clock.GetUtcNow().AddMinutes(-121), node.Clock.GetUtcNow(), overdue.HotLeadTarget));
    }

    [Fact]
    public async Task Search_finds_a_conversation_by_name_phone_and_the_words_of_a_message()
    {
        var id = await node.ConversationAsync(node.TeamA, "+15122412009", "Zebulon Quartermaine", InboxBucket.Other, LeadPriority.Cold,
            body: "Call me about the warehouse on Friday");

        foreach (var search in new[] { "quarterm", "(512) 241-2009", "warehouse", "WAREHOUSE friday" })
        {
            var page = await Queries(node.TeamA).GetPageAsync(new InboxFilter { Tab = InboxTab.All, Search = search }, node.AgentA.UserId, 0, 50, default);
            Assert.True(page.Rows.Any(r => r.Id == id), $"'{search}' did not find the conversation");
        }
        var miss = await Queries(node.TeamA).GetPageAsync(new InboxFilter { Tab = InboxTab.All, Search = "spaceship" }, node.AgentA.UserId, 0, 50, default);
        Assert.DoesNotContain(miss.Rows, r => r.Id == id);
    }

    [Fact]
    public async Task Labels_are_normalised_added_once_and_removed_and_filter_the_list()
    {
        var id = await node.ConversationAsync(node.TeamA, "+15122412010", "Labelled", InboxBucket.Other, LeadPriority.Cold);

        Assert.Equal(1, await Actions(node.TeamA).AddLabelAsync(node.AgentA, [id], "  Call Back ", default));
        Assert.Equal(0, await Actions(node.TeamA).AddLabelAsync(node.AgentA, [id], "call-back", default));
        var labelled = await Queries(node.TeamA).GetPageAsync(new InboxFilter { Tab = InboxTab.All, Label = "call-back" }, node.AgentA.UserId, 0, 50, default);
        Assert.Equal(1, await Actions(node.TeamA).RemoveLabelAsync(node.AgentA, [id], "call-back", default));

        Assert.Equal(["call-back"], Assert.Single(labelled.Rows, r => r.Id == id).Labels);
        Assert.Empty((await Queries(node.TeamA).GetConversationAsync(id, default))!.Conversation.Labels);
    }

    [Fact]
    public async Task One_team_never_sees_or_changes_another_teams_conversations()
    {
        var theirs = await node.ConversationAsync(node.TeamB, "+15122412011", "Team B secret", InboxBucket.HotResponses, LeadPriority.Hot,
            body: "confidential pineapple");

        var page = await Queries(node.TeamA).GetPageAsync(new InboxFilter { Tab = InboxTab.All }, node.AgentA.UserId, 0, 100, default);
        var search = await Queries(node.TeamA).GetPageAsync(new InboxFilter { Tab = InboxTab.All, Search = "pineapple" }, node.AgentA.UserId, 0, 100, default);
        var detail = await Queries(node.TeamA).GetConversationAsync(theirs, default);
        var changed = await Actions(node.TeamA).MarkDoneAsync(node.AgentA, [theirs], default);
        var countsA = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default);
        var countsB = await Queries(node.TeamB).GetCountsAsync(node.AgentB.UserId, default);

        Assert.DoesNotContain(page.Rows, r => r.Id == theirs);
        Assert.Empty(search.Rows);
        Assert.Null(detail);
        Assert.Equal(0, changed);
        Assert.Equal(1, countsB[InboxTab.All]);
        Assert.Equal(page.Total, countsA[InboxTab.All]);
        Assert.Equal(ConversationStatus.Open, (await Queries(node.TeamB).GetConversationAsync(theirs, default))!.Conversation.Status);
    }

    [Fact]
    public async Task Done_and_reopen_move_a_conversation_between_tabs_and_the_counts_follow()
    {
        var id = await node.ConversationAsync(node.TeamA, "+15122412012", "Finish me", InboxBucket.EmailCaptures, LeadPriority.Warm);
        var before = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default);

        await Actions(node.TeamA).MarkDoneAsync(node.AgentA, [id], default);
        var done = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default);
        await Actions(node.TeamA).ReopenAsync(node.AgentA, [id], default);
        var reopened = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default);

        Assert.Equal(before[InboxTab.EmailCaptures] - 1, done[InboxTab.EmailCaptures]);
        Assert.Equal(before[InboxTab.Done] + 1, done[InboxTab.Done]);
        Assert.Equal(before[InboxTab.EmailCaptures], reopened[InboxTab.EmailCaptures]);
        Assert.Equal(before[InboxTab.Done], reopened[InboxTab.Done]);
    }

    [Fact]
    public async Task A_reply_goes_back_on_the_number_of_the_conversation_it_answers_and_stops_its_clock()
    {
        var answered = await node.ConversationAsync(node.TeamA, "+15122412013", "Two threads", InboxBucket.HotResponses, LeadPriority.Hot,
            waitingFor: TimeSpan.FromHours(1));
        var prospect = (await Queries(node.TeamA).GetConversationAsync(answered, default))!.Prospect.Id;
        // A newer thread with the same prospect on the team's other number.
        var newer = await node.ConversationAsync(node.TeamA, "+15122412013", "Two threads", InboxBucket.Other, LeadPriority.Cold,
            waitingFor: TimeSpan.FromMinutes(1), prospectId: prospect, numberId: node.SecondNumberA);

        var result = await Actions(node.TeamA).ReplyAsync(node.AgentA, answered, "Answering your first message", default);

        Assert.Equal(answered, result.ConversationId);
        var detail = (await Queries(node.TeamA).GetConversationAsync(answered, default))!;
        Assert.Equal("+15122400301", Assert.Single(detail.Messages, m => m.Direction == MessageDirection.Outbound).From);
        Assert.Null(detail.Conversation.WaitingSince);
        Assert.NotNull((await Queries(node.TeamA).GetConversationAsync(newer, default))!.Conversation.WaitingSince);
    }

    [Fact]
    public async Task A_viewer_opening_a_conversation_leaves_it_unread_and_cannot_edit_saved_replies()
    {
        var id = await node.ConversationAsync(node.TeamA, "+15122412014", "Still unread", InboxBucket.Other, LeadPriority.Cold);
        var viewer = new InboxActor(node.ViewerA, "Vic Viewer", TeamRole.Viewer);

        await Actions(node.TeamA, viewer).MarkReadAsync(viewer, id, default);
        var afterViewer = (await Queries(node.TeamA).GetConversationAsync(id, default))!.Conversation.UnreadCount;
        await Actions(node.TeamA, node.AgentA).MarkReadAsync(node.AgentA, id, default);
        var afterAgent = (await Queries(node.TeamA).GetConversationAsync(id, default))!.Conversation.UnreadCount;
        var templates = Scope(node.TeamA, node.AgentA).ServiceProvider.GetRequiredService<ReplyTemplates>();
        var viewerTemplates = Scope(node.TeamA, viewer).ServiceProvider.GetRequiredService<ReplyTemplates>();

        Assert.Equal((1, 0), (afterViewer, afterAgent));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => viewerTemplates.SaveAsync(null, "Nope", "Hello", default));
        var saved = await templates.SaveAsync(null, "Agent reply " + Guid.NewGuid().ToString("N")[..6], "Hi {{firstName|there}}", default);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => viewerTemplates.DeleteAsync(saved.Id, default));
    }

    [Fact]
    public async Task Counts_are_shared_since_the_moment_a_caller_asks_for_and_a_change_through_the_inbox_refreshes_them_at_once()
    {
        var before = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default);
        var id = await node.ConversationAsync(node.TeamA, "+15122412015", "Counted", InboxBucket.Objections, LeadPriority.Cold);

        var cached = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default, computedSince: node.Clock.GetUtcNow().AddMinutes(-5));
        var newerThanCached = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default, computedSince: node.Clock.GetUtcNow().AddTicks(1));
        var fresh = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default);
        await Actions(node.TeamA).MarkDoneAsync(node.AgentA, [id], default);
        var afterChange = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default, computedSince: node.Clock.GetUtcNow().AddMinutes(-5));

        Assert.Equal(before[InboxTab.Objections], cached[InboxTab.Objections]);
        Assert.Equal(before[InboxTab.Objections] + 1, newerThanCached[InboxTab.Objections]);
        Assert.Equal(before[InboxTab.Objections] + 1, fresh[InboxTab.Objections]);
        Assert.Equal(before[InboxTab.Objections], afterChange[InboxTab.Objections]);
        Assert.Equal(before[InboxTab.Done] + 1, afterChange[InboxTab.Done]);
    }

    [Fact]
    public async Task The_campaign_filter_shows_conversations_with_the_campaigns_prospects_only()
    {
        var enrolled = await node.ConversationAsync(node.TeamA, "+15122412016", "Enrolled", InboxBucket.Other, LeadPriority.Cold);
        var other = await node.ConversationAsync(node.TeamA, "+15122412017", "Not enrolled", InboxBucket.Other, LeadPriority.Cold);
        var campaign = Domain.Campaigns.Campaign.Create(node.TeamA, Domain.Campaigns.CampaignPlan.Default("Inbox filter") with
        {
            Audience = new Domain.Campaigns.CampaignAudience(Domain.Campaigns.AudienceKind.Tags, Tags: ["inbox-filter"]),
        }, "test", node.Clock);
        await using (var db = node.Context(node.TeamA))
        {
            db.Add(campaign);
            await db.SaveChangesAsync();
            var prospect = (await Queries(node.TeamA).GetConversationAsync(enrolled, default))!.Prospect.Id;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO campaign_enrollments (team_id, campaign_id, prospect_id, step, state, variant, enrolled_at, updated_at)
                VALUES ({node.TeamA}, {campaign.Id}, {prospect}, 0, 'Active', 'A', now(), now())
                """);
        }

        var page = await Queries(node.TeamA).GetPageAsync(new InboxFilter { Tab = InboxTab.All, CampaignId = campaign.Id }, node.AgentA.UserId, 0, 50, default);
        var choices = await Queries(node.TeamA).GetCampaignsAsync(default);

        Assert.Equal([enrolled], page.Rows.Select(r => r.Id).ToArray());
        Assert.DoesNotContain(page.Rows, r => r.Id == other);
        Assert.Contains(choices, c => c.Id == campaign.Id && c.Name == "Inbox filter");
    }

    [Fact]
    public async Task A_conversation_only_we_wrote_in_stays_out_of_every_tab_and_count_until_the_prospect_replies()
    {
        var before = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default);
        var prospect = await node.ProspectAsync(node.TeamA, "+15122412018", "Campaign recipient");
        await using var scope = Scope(node.TeamA);
        var sent = await scope.ServiceProvider.GetRequiredService<OutboundQueue>().SendAsync(
            new OutboundRequest(prospect, "Hi, would you consider selling?", MessageSource.Campaign), default);
        var id = sent.ConversationId!.Value;

        var tabs = new Dictionary<InboxTab, InboxListing>();
        foreach (var tab in Enum.GetValues<InboxTab>())
        {
            tabs[tab] = await Queries(node.TeamA).GetPageAsync(new InboxFilter { Tab = tab }, node.AgentA.UserId, 0, InboxQueries.MaxPageSize, default);
        }
        var afterSend = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default);
        var thread = await Queries(node.TeamA).GetConversationAsync(id, default);

        Assert.True(sent.IsQueued, sent.Decision.Explanation);
        Assert.All(tabs, t => Assert.DoesNotContain(t.Value.Rows, r => r.Id == id));
        Assert.Equal(before.ByTab.OrderBy(t => t.Key), afterSend.ByTab.OrderBy(t => t.Key));
        Assert.Equal((before.Unread, before.Overdue), (afterSend.Unread, afterSend.Overdue));
        // Still the prospect's thread, reachable from their page.
        Assert.Single(thread!.Messages, m => m.Direction == MessageDirection.Outbound);

        var route = new SendingNumberRoute(thread.Conversation.SendingNumberId, node.TeamA, thread.SendingNumber!, SmsProviderNames.Simulator);
        await scope.ServiceProvider.GetRequiredService<InboundMessages>().ReceiveAsync(
            route, new InboundSms("SM" + Guid.NewGuid().ToString("N"), "+15122412018", thread.SendingNumber!, "I might be. Call me"), default);
        var hot = await Queries(node.TeamA).GetPageAsync(new InboxFilter { Tab = InboxTab.HotResponses }, node.AgentA.UserId, 0, InboxQueries.MaxPageSize, default);
        var afterReply = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default);
        var filed = (await Queries(node.TeamA).GetConversationAsync(id, default))!.History.Single(e => e.Kind == ConversationEventKind.Classified);

        Assert.Contains(hot.Rows, r => r.Id == id && r.Classification == ReplyKind.Interested && r.Priority == LeadPriority.Hot);
        Assert.Equal(before[InboxTab.HotResponses] + 1, afterReply[InboxTab.HotResponses]);
        Assert.Equal(before[InboxTab.Unassigned] + 1, afterReply[InboxTab.Unassigned]);
        Assert.Equal(before[InboxTab.Other], afterReply[InboxTab.Other]);
        Assert.Equal(before.Unread + 1, afterReply.Unread);
        // Filed by its first reply, not moved out of a bucket it was never triaged into.
        Assert.Equal("Filed under HotResponses by the classifier", filed.Describe());
    }

    [Fact]
    public async Task A_search_counts_its_matches_in_every_tab_and_each_count_is_what_that_tabs_list_shows()
    {
        var word = "zanzibar" + Random.Shared.Next(10_000, 99_999);
        var hot = await node.ConversationAsync(node.TeamA, "+15122412019", "Searched hot", InboxBucket.HotResponses, LeadPriority.Hot,
            body: $"Yes, {word} works for me");
        var objection = await node.ConversationAsync(node.TeamA, "+15122412020", "Searched objection", InboxBucket.Objections, LeadPriority.Cold,
            body: $"Not at {word}, sorry");
        var snoozed = await node.ConversationAsync(node.TeamA, "+15122412021", "Searched snoozed", InboxBucket.Other, LeadPriority.Warm,
            body: $"Ask me about {word} later");
        var done = await node.ConversationAsync(node.TeamA, "+15122412022", "Searched done", InboxBucket.EmailCaptures, LeadPriority.Warm,
            body: $"{word} is all I wanted");
        await node.ConversationAsync(node.TeamA, "+15122412023", "Not searched", InboxBucket.HotResponses, LeadPriority.Hot, body: "Something else");
        await Actions(node.TeamA).AssignAsync(node.AgentA, [objection], node.AgentA.UserId, default);
        await Actions(node.TeamA).SnoozeAsync(node.AgentA, [snoozed], node.Clock.GetUtcNow().AddHours(2), default);
        await Actions(node.TeamA).MarkDoneAsync(node.AgentA, [done], default);
        var search = new InboxFilter { Tab = InboxTab.HotResponses, Search = $"  {word} " };

        var counts = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default, matching: search);
        var team = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default);

        var expected = new Dictionary<InboxTab, int>
        {
            [InboxTab.EmailCaptures] = 0, [InboxTab.HotResponses] = 1, [InboxTab.Objections] = 1, [InboxTab.DoNotContact] = 0,
            [InboxTab.Other] = 0, [InboxTab.Mine] = 1, [InboxTab.Unassigned] = 1, [InboxTab.Snoozed] = 1, [InboxTab.Done] = 1, [InboxTab.All] = 4,
        };
        Assert.Equal(expected.OrderBy(t => t.Key), counts.ByTab.OrderBy(t => t.Key));
        foreach (var tab in Enum.GetValues<InboxTab>())
        {
            var page = await Queries(node.TeamA).GetPageAsync(search with { Tab = tab }, node.AgentA.UserId, 0, InboxQueries.MaxPageSize, default);
            Assert.True(page.Total == counts[tab], $"{tab}: the list shows {page.Total}, the tab counts {counts[tab]}");
        }
        var all = await Queries(node.TeamA).GetPageAsync(search with { Tab = InboxTab.All }, node.AgentA.UserId, 0, InboxQueries.MaxPageSize, default);
        Assert.Equal(new[] { hot, objection, snoozed, done }.Order(), all.Rows.Select(r => r.Id).Order());
        // The badge's numbers are the team's, whatever the operator searches.
        Assert.Equal((team.Unread, team.Overdue), (counts.Unread, counts.Overdue));
    }

    [Fact]
    public async Task Filters_narrow_the_tab_counts_too_and_a_one_letter_search_or_a_sort_leaves_the_teams_counts()
    {
        var word = "quokka" + Random.Shared.Next(10_000, 99_999);
        await node.ConversationAsync(node.TeamA, "+15122412024", "Filtered hot", InboxBucket.HotResponses, LeadPriority.Hot, body: $"{word} yes");
        await node.ConversationAsync(node.TeamA, "+15122412025", "Filtered cold", InboxBucket.HotResponses, LeadPriority.Cold, body: $"{word} maybe");

        var hotOnly = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default,
            matching: new InboxFilter { Search = word, Priority = LeadPriority.Hot });
        var both = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default, matching: new InboxFilter { Search = word });
        var team = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default);
        var unnarrowed = await Queries(node.TeamA).GetCountsAsync(node.AgentA.UserId, default,
            matching: new InboxFilter { Tab = InboxTab.Done, Search = "q", Sort = InboxSort.OldestWaiting });

        Assert.Equal((1, 1), (hotOnly[InboxTab.HotResponses], hotOnly[InboxTab.All]));
        Assert.Equal((2, 2), (both[InboxTab.HotResponses], both[InboxTab.All]));
        Assert.Equal(team.ByTab.OrderBy(t => t.Key), unnarrowed.ByTab.OrderBy(t => t.Key));
        Assert.False(new InboxFilter { Search = " q ", Tab = InboxTab.All, Sort = InboxSort.OldestWaiting }.Narrows);
    }

    [Theory]
    [InlineData("priority")]
    [InlineData("search")]
    [InlineData("overdue")]
    public async Task Counting_matches_reads_the_triaged_conversations_through_an_index_never_a_scan_of_the_table(string narrowing)
    {
        var filter = narrowing switch
        {
            "priority" => new InboxFilter { Priority = LeadPriority.Warm },
            "search" => new InboxFilter { Search = "warehouse" },
            _ => new InboxFilter { OverdueOnly = true },
        };
        await using var db = node.Context(node.TeamA);
        await db.Database.OpenConnectionAsync();
        // The test tables are tiny, so the planner would rather read them whole; forbidding that shows which
        // indexes the query can use at all: only the partial ones if it keeps their "in triage" predicate.
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        await using var command = InboxQueries.MatchingCounts(db, filter, node.AgentA.UserId, node.Clock.GetUtcNow().AddHours(-2)).CreateDbCommand();
        command.CommandText = "EXPLAIN " + command.CommandText;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }
        await db.Database.ExecuteSqlRawAsync("RESET enable_seqscan");

        var text = string.Join('\n', plan);
        Assert.DoesNotContain("Seq Scan on conversations", text);
        Assert.True(TriageIndexes.Any(text.Contains), "No index of the triaged conversations in the plan:\n" + text);
    }

    /// <summary>The partial indexes that carry <see cref="InboxQueries.InTriageSql"/> (the TriageNoise migration).</summary>
    private static readonly string[] TriageIndexes =
    [
        "ix_conversations_team_id_last_message_at", "ix_conversations_team_id_waiting_since", "ix_conversations_team_id_status_bucket",
        "ix_conversations_team_id_assignee_id_status_last_message_at", "ix_conversations_team_id_unread", "ix_conversations_team_id_hot_waiting_since",
        "ix_conversations_team_id_status_last_message_at", "ix_conversations_team_id_bucket_last_message_at",
    ];

    private InboxActions Actions(Guid team) => Scope(team).ServiceProvider.GetRequiredService<InboxActions>();

    private InboxQueries Queries(Guid team) => Scope(team).ServiceProvider.GetRequiredService<InboxQueries>();

    private AsyncServiceScope Scope(Guid team)
    {
        var scope = node.Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(team, null);
        return scope;
    }

    private InboxActions Actions(Guid team, InboxActor actor) => Scope(team, actor).ServiceProvider.GetRequiredService<InboxActions>();

    /// <summary>A scope in which <paramref name="actor"/> acts, with their role, as a page's would be.</summary>
    private AsyncServiceScope Scope(Guid team, InboxActor actor)
    {
        var scope = node.Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().ActAs(team, new Caller(actor.UserId, actor.Name, actor.Role));
        return scope;
    }

    /// <summary>Two teams with their members and numbers; each test makes conversations of its own.</summary>
    public sealed class InboxNode : IAsyncLifetime
    {
        private TestDatabase _database = null!;

        public Messaging.Queue.OutboundQueueTests.FixedClock Clock { get; } = new(Messaging.Queue.OutboundQueueTests.QueueNode.Noon);
        public IHost Host { get; private set; } = null!;
        public TenantDatabase Database => Host.Services.GetRequiredService<TenantDatabase>();
        public NpgsqlDataSource Owner => Host.Services.GetRequiredService<NpgsqlDataSource>();
        public Guid TeamA { get; private set; }
        public Guid TeamB { get; private set; }
        public InboxActor AgentA { get; private set; } = null!;
        public InboxActor AgentB { get; private set; } = null!;
        public Guid ManagerA { get; private set; }
        public Guid ViewerA { get; private set; }
        public Guid SecondNumberA { get; private set; }
        private readonly Dictionary<Guid, Guid> _numbers = [];

        public async Task InitializeAsync()
        {
            _database = await TestDatabase.CreateAsync("inbox");
            Host = TestNode.Build(_database.ConnectionString, "inbox-node",
                settings: new Dictionary<string, string?> { ["Outreach:Messaging:Queue:Enabled"] = "false" },
                services: s => s.AddSingleton<TimeProvider>(Clock));
            await OutreachDatabase.MigrateAsync(Host.Services);
            await using var db = Host.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
            var a = Team.Create("Inbox team A", "America/Chicago", Clock);
            var b = Team.Create("Inbox team B", "America/Chicago", Clock);
            db.AddRange(a, b, MessagingSettings.CreateDefault(a.Id, Clock), MessagingSettings.CreateDefault(b.Id, Clock));
            var numberA = SendingNumber.Register(a.Id, "+15122400301", SmsProviderNames.Simulator, null, Clock);
            var secondA = SendingNumber.Register(a.Id, "+15122400303", SmsProviderNames.Simulator, null, Clock);
            db.Add(secondA);
            SecondNumberA = secondA.Id;
            var numberB = SendingNumber.Register(b.Id, "+15122400302", SmsProviderNames.Simulator, null, Clock);
            db.AddRange(numberA, numberB);
            (TeamA, TeamB) = (a.Id, b.Id);
            (_numbers[a.Id], _numbers[b.Id]) = (numberA.Id, numberB.Id);
            AgentA = new InboxActor(Member(db, a.Id, "Ana Agent", TeamRole.Agent), "Ana Agent", TeamRole.Agent);
            AgentB = new InboxActor(Member(db, b.Id, "Bo Agent", TeamRole.Agent), "Bo Agent", TeamRole.Agent);
            ManagerA = Member(db, a.Id, "Max Manager", TeamRole.Manager);
            ViewerA = Member(db, a.Id, "Vic Viewer", TeamRole.Viewer);
            await db.SaveChangesAsync();
        }

        private Guid Member(OutreachDbContext db, Guid team, string name, TeamRole role)
        {
            var email = $"{name.Replace(' ', '.').ToLowerInvariant()}@inbox.test";
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, CreatedAt = Clock.GetUtcNow(), SecurityStamp = Guid.NewGuid().ToString(),
            };
            db.Users.Add(user);
            db.Memberships.Add(Membership.Create(team, user.Id, role, Clock));
            return user.Id;
        }

        /// <summary>A conversation as an inbound reply leaves it: a prospect, the reply, open and unread, waiting for a human.</summary>
        public async Task<Guid> ConversationAsync(
            Guid team, string phone, string name, InboxBucket bucket, LeadPriority priority, TimeSpan? waitingFor = null, string body = "Hello",
            Guid? prospectId = null, Guid? numberId = null)
        {
            prospectId ??= await ProspectAsync(team, phone, name);
            var id = Guid.CreateVersion7();
            var since = Clock.GetUtcNow() - (waitingFor ?? TimeSpan.FromMinutes(5));
            await using var connection = await Database.OpenConnectionAsync(TenantScope.ForTeam(team), default);
            await using var command = new NpgsqlCommand("""
                INSERT INTO conversations (id, team_id, prospect_id, sending_number_id, prospect_phone, status, bucket, priority,
                    unread_count, last_message_preview, last_message_at, last_inbound_at, waiting_since, created_at)
                VALUES (@id, @team, @prospect, @number, @phone, 'Open', @bucket, @priority, 1, @body, @since, @since, @since, @since);
                INSERT INTO messages (id, team_id, conversation_id, direction, body, "from", "to", status, provider, segments, attempts, created_at)
                VALUES (gen_random_uuid(), @team, @id, 'Inbound', @body, @phone, '+15122400301', 'Delivered', 'simulator', 1, 0, @since);
                """, connection);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("team", team);
            command.Parameters.AddWithValue("prospect", prospectId.Value);
            command.Parameters.AddWithValue("number", numberId ?? _numbers[team]);
            command.Parameters.AddWithValue("phone", phone);
            command.Parameters.AddWithValue("bucket", bucket.ToString());
            command.Parameters.AddWithValue("priority", priority.ToString());
            command.Parameters.AddWithValue("body", body);
            command.Parameters.AddWithValue("since", since);
            await command.ExecuteNonQueryAsync();
            return id;
        }

        public async Task<Guid> ProspectAsync(Guid team, string phone, string name)
        {
            var values = new string?[Enum.GetValues<ProspectField>().Length];
            values[(int)ProspectField.FullName] = name;
            values[(int)ProspectField.Phone] = phone;
            values[(int)ProspectField.State] = "TX";
            var prospect = Prospect.Create(team, ProspectRows.Normalize(values).Prospect!, Clock);
            await using var db = Context(team);
            db.Add(prospect);
            await db.SaveChangesAsync();
            return prospect.Id;
        }

        public OutreachDbContext Context(Guid team) =>
            new TenantDbContextFactory(Host.Services.GetRequiredService<DbContextOptions<OutreachDbContext>>(), TenantScope.ForTeam(team)).CreateDbContext();

        public async Task DisposeAsync()
        {
            Host.Dispose();
            await _database.DisposeAsync();
        }
    }
}
