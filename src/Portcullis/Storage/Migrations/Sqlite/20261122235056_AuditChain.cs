using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "audit_log",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "audit_log",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_checkpoints", x => x.Id);
                });

            // Existing rows take their place in the chain in the order they were written; their hashes
            // are filled in at the next start (AuditAppender.SealLegacyRowsAsync), the one update the
            // triggers below allow.
            migrationBuilder.Sql("""
                UPDATE audit_log SET Sequence = numbered.n
                FROM (SELECT Id, row_number() OVER (ORDER BY Id) AS n FROM audit_log) AS numbered
                WHERE audit_log.Id = numbered.Id;
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

            // Append-only in the database itself (docs/AUDIT.md). A migration that rebuilds one of these
            // tables on SQLite drops its triggers and must create them again.
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                WHEN NOT (OLD.Hash = '' AND NEW.Hash <> '' AND NEW.Id IS OLD.Id AND NEW.Sequence IS OLD.Sequence AND NEW.At IS OLD.At
                    AND NEW.Actor IS OLD.Actor AND NEW.OrganisationId IS OLD.OrganisationId AND NEW.Action IS OLD.Action
                    AND NEW.Subject IS OLD.Subject AND NEW.Detail IS OLD.Detail)
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be updated'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
                BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only: rows cannot be updated'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
                BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only: rows cannot be deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_log_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_log_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_checkpoints_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_checkpoints_no_delete;");

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
