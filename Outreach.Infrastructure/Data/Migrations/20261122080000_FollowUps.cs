using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Outreach.Domain.Automation;

namespace Outreach.Infrastructure.Data.Migrations;

/// <summary>
/// Follow-up rules and their executions, the team's tasks, and the limit on follow-ups a prospect receives
/// without replying.
/// </summary>
[DbContext(typeof(OutreachDbContext))]
[Migration("20261122080000_FollowUps")]
public sealed class FollowUps : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(Tables);
        migrationBuilder.Sql(RowLevelSecurity);
        migrationBuilder.Sql(DefaultRulesForExistingTeams());
    }

    /// <summary>Teams created before this migration get the default rules new teams are created with.</summary>
    private static string DefaultRulesForExistingTeams() => string.Join(Environment.NewLine, DefaultRules.All.Select(d => $"""
        INSERT INTO follow_up_rules (id, team_id, name, is_enabled, definition, default_key, created_at, updated_at, updated_by)
        SELECT gen_random_uuid(), id, '{d.Name.Replace("'", "''")}', true, '{d.Definition.ToJson().Replace("'", "''")}'::jsonb, '{d.Key}', now(), now(), 'system'
        FROM teams;
        """));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("This migration is not reversible; restore a backup instead.");

    private const string Tables = """
        CREATE TABLE follow_up_rules (
            id uuid NOT NULL,
            team_id uuid NOT NULL,
            name character varying(120) NOT NULL,
            is_enabled boolean NOT NULL,
            definition jsonb NOT NULL,
            default_key character varying(40),
            created_at timestamp with time zone NOT NULL,
            updated_at timestamp with time zone NOT NULL,
            updated_by character varying(120) NOT NULL,
            CONSTRAINT pk_follow_up_rules PRIMARY KEY (id),
            CONSTRAINT fk_follow_up_rules_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
        );

        CREATE TABLE follow_up_executions (
            id bigint GENERATED ALWAYS AS IDENTITY,
            team_id uuid NOT NULL,
            rule_id uuid NOT NULL,
            conversation_id uuid NOT NULL,
            prospect_id uuid NOT NULL,
            trigger_key character varying(80) NOT NULL,
            once boolean NOT NULL,
            cancel_on_reply boolean NOT NULL,
            definition jsonb NOT NULL,
            triggered_at timestamp with time zone NOT NULL,
            due_at timestamp with time zone NOT NULL,
            status character varying(16) NOT NULL,
            reason character varying(500),
            actions_done integer NOT NULL,
            attempts integer NOT NULL,
            lease_until timestamp with time zone,
            created_at timestamp with time zone NOT NULL,
            finished_at timestamp with time zone,
            message_id uuid,
            CONSTRAINT pk_follow_up_executions PRIMARY KEY (id),
            CONSTRAINT fk_follow_up_executions_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE,
            CONSTRAINT fk_follow_up_executions_follow_up_rules_rule_id FOREIGN KEY (rule_id) REFERENCES follow_up_rules (id) ON DELETE CASCADE,
            CONSTRAINT fk_follow_up_executions_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
            CONSTRAINT fk_follow_up_executions_prospects_prospect_id FOREIGN KEY (prospect_id) REFERENCES prospects (id) ON DELETE CASCADE
        );

        CREATE TABLE tasks (
            id uuid NOT NULL,
            team_id uuid NOT NULL,
            title character varying(200) NOT NULL,
            notes character varying(2000),
            priority character varying(8) NOT NULL,
            due_at timestamp with time zone NOT NULL,
            assignee_user_id uuid,
            assignee_role character varying(16),
            conversation_id uuid,
            prospect_id uuid,
            status character varying(8) NOT NULL,
            snoozed_until timestamp with time zone,
            created_at timestamp with time zone NOT NULL,
            created_by character varying(120) NOT NULL,
            done_at timestamp with time zone,
            done_by character varying(120),
            source_key character varying(80),
            CONSTRAINT pk_tasks PRIMARY KEY (id),
            CONSTRAINT fk_tasks_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE,
            CONSTRAINT fk_tasks_users_assignee_user_id FOREIGN KEY (assignee_user_id) REFERENCES users (id) ON DELETE SET NULL,
            CONSTRAINT fk_tasks_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE SET NULL,
            CONSTRAINT fk_tasks_prospects_prospect_id FOREIGN KEY (prospect_id) REFERENCES prospects (id) ON DELETE SET NULL
        );

        ALTER TABLE team_sending_limits ADD COLUMN max_follow_ups_without_reply integer NOT NULL DEFAULT 2;

        CREATE UNIQUE INDEX ix_follow_up_rules_team_id_default_key ON follow_up_rules (team_id, default_key) WHERE default_key IS NOT NULL;

        CREATE UNIQUE INDEX ix_follow_up_executions_rule_id_trigger_key ON follow_up_executions (rule_id, trigger_key);
        CREATE UNIQUE INDEX ix_follow_up_executions_once ON follow_up_executions (rule_id, conversation_id)
            WHERE once AND status IN ('Pending', 'Running', 'Completed');
        CREATE INDEX ix_follow_up_executions_due ON follow_up_executions (due_at) WHERE status = 'Pending';
        CREATE INDEX ix_follow_up_executions_lease ON follow_up_executions (lease_until) WHERE status = 'Running';
        CREATE INDEX ix_follow_up_executions_pending_prospect ON follow_up_executions (prospect_id) WHERE status = 'Pending';
        CREATE INDEX ix_follow_up_executions_team_id_due_at ON follow_up_executions (team_id, due_at);
        CREATE INDEX ix_follow_up_executions_team_id_finished_at ON follow_up_executions (team_id, finished_at);
        CREATE INDEX ix_follow_up_executions_conversation_id ON follow_up_executions (conversation_id);

        CREATE UNIQUE INDEX ix_tasks_team_id_source_key ON tasks (team_id, source_key) WHERE source_key IS NOT NULL;
        CREATE INDEX ix_tasks_team_id_status_due_at ON tasks (team_id, status, due_at);
        CREATE INDEX ix_tasks_assignee_user_id_status_due_at ON tasks (assignee_user_id, status, due_at);
        CREATE INDEX ix_tasks_conversation_id ON tasks (conversation_id);
        CREATE INDEX ix_tasks_prospect_id ON tasks (prospect_id);
        """;

    private const string RowLevelSecurity = """
        ALTER TABLE follow_up_rules ENABLE ROW LEVEL SECURITY;
        ALTER TABLE follow_up_rules FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON follow_up_rules
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE follow_up_executions ENABLE ROW LEVEL SECURITY;
        ALTER TABLE follow_up_executions FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON follow_up_executions
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));

        ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
        ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
        CREATE POLICY team_isolation ON tasks
            USING ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()))
            WITH CHECK ((SELECT app_is_system()) OR team_id = (SELECT app_current_team()));
        """;
}
