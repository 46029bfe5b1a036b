using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portcullis.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "audit_log",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "audit_log",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "audit_log",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Signature = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_checkpoints", x => x.Id);
                });

            // Existing rows take their place in the chain in the order they were written; their hashes
            // are filled in at the next start (AuditAppender.SealLegacyRowsAsync), the one update the
            // trigger below allows.
            migrationBuilder.Sql("""
                UPDATE audit_log SET "Sequence" = numbered.n
                FROM (SELECT "Id", row_number() OVER (ORDER BY "Id") AS n FROM audit_log) AS numbered
                WHERE audit_log."Id" = numbered."Id";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_Sequence",
                table: "audit_log",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_checkpoints_Sequence",
                table: "audit_checkpoints",
                column: "Sequence");

            // Append-only in the database itself, for every user including the application's own
            // (docs/AUDIT.md). The table owner or a superuser can still disable triggers; the signed
            // checkpoints are what make that evident.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
                END;
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- The one change allowed: sealing a row written before the hash chain existed.
                    IF TG_OP = 'UPDATE' THEN
                        IF OLD."Hash" = '' AND NEW."Hash" <> ''
                            AND (NEW."Id", NEW."Sequence", NEW."At", NEW."Actor", NEW."OrganisationId", NEW."Action", NEW."Subject", NEW."Detail")
                                IS NOT DISTINCT FROM (OLD."Id", OLD."Sequence", OLD."At", OLD."Actor", OLD."OrganisationId", OLD."Action", OLD."Subject", OLD."Detail") THEN
                            RETURN NEW;
                        END IF;
                    END IF;
                    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
                END;
                $$;
                """);
            migrationBuilder.Sql("""CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();""");
            migrationBuilder.Sql("""CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();""");
            migrationBuilder.Sql("""CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_append_only();""");
            migrationBuilder.Sql("""CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_checkpoints_append_only ON audit_checkpoints;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_checkpoints_no_truncate ON audit_checkpoints;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_log_append_only();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_append_only();");

            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropIndex(
                name: "IX_audit_log_Sequence",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "audit_log");
        }
    }
}
