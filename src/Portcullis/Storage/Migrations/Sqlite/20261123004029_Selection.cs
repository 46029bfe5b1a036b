using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Selection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "capacity_plans",
                columns: table => new
                {
                    HubCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Shift = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ScannerSlots = table.Column<int>(type: "INTEGER", nullable: false),
                    PhysicalInspections = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_capacity_plans", x => new { x.HubCode, x.Date, x.Shift });
                });

            migrationBuilder.CreateTable(
                name: "selections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HubCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ConsignmentIds = table.Column<string>(type: "TEXT", nullable: false),
                    PlanDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Shift = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PlannedControlAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Why = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Risk = table.Column<double>(type: "REAL", nullable: false),
                    ExpectedKg = table.Column<double>(type: "REAL", nullable: false),
                    ExpectedValue = table.Column<double>(type: "REAL", nullable: false),
                    Uncertainty = table.Column<double>(type: "REAL", nullable: false),
                    WouldBeTargeted = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ScanReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ScannedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PhysicalStartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Hit = table.Column<bool>(type: "INTEGER", nullable: true),
                    SeizedKg = table.Column<double>(type: "REAL", nullable: true),
                    SealEvidence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ChainOfCustody = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReleaseReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inspection_findings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Substance = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kilograms = table.Column<double>(type: "REAL", nullable: false),
                    Packages = table.Column<int>(type: "INTEGER", nullable: false),
                    Concealment = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_findings_selections_SelectionId",
                        column: x => x.SelectionId,
                        principalTable: "selections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_photos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_photos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_photos_selections_SelectionId",
                        column: x => x.SelectionId,
                        principalTable: "selections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "secure_lane_orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HubCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ContainerNumber = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    SecuredArea = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpectedArrivalAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReleaseAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastEventAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secure_lane_orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_secure_lane_orders_selections_SelectionId",
                        column: x => x.SelectionId,
                        principalTable: "selections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selection_transitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SelectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selection_transitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selection_transitions_selections_SelectionId",
                        column: x => x.SelectionId,
                        principalTable: "selections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "secure_lane_alarms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HubCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ContainerNumber = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EventAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AcknowledgeNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secure_lane_alarms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_secure_lane_alarms_secure_lane_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "secure_lane_orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_findings_SelectionId",
                table: "inspection_findings",
                column: "SelectionId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_photos_SelectionId",
                table: "inspection_photos",
                column: "SelectionId");

            migrationBuilder.CreateIndex(
                name: "IX_secure_lane_alarms_HubCode_RaisedAt",
                table: "secure_lane_alarms",
                columns: new[] { "HubCode", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_secure_lane_alarms_OrderId_EventId",
                table: "secure_lane_alarms",
                columns: new[] { "OrderId", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_secure_lane_orders_ContainerNumber_Status",
                table: "secure_lane_orders",
                columns: new[] { "ContainerNumber", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_secure_lane_orders_HubCode_Status_ReleaseAt",
                table: "secure_lane_orders",
                columns: new[] { "HubCode", "Status", "ReleaseAt" });

            migrationBuilder.CreateIndex(
                name: "IX_secure_lane_orders_SelectionId",
                table: "secure_lane_orders",
                column: "SelectionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selection_transitions_SelectionId",
                table: "selection_transitions",
                column: "SelectionId");

            migrationBuilder.CreateIndex(
                name: "IX_selections_HubCode_PlanDate_Unit",
                table: "selections",
                columns: new[] { "HubCode", "PlanDate", "Unit" },
                unique: true,
                filter: "\"State\" <> 'Released'");

            migrationBuilder.CreateIndex(
                name: "IX_selections_State",
                table: "selections",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_selections_Unit",
                table: "selections",
                column: "Unit");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "capacity_plans");

            migrationBuilder.DropTable(
                name: "inspection_findings");

            migrationBuilder.DropTable(
                name: "inspection_photos");

            migrationBuilder.DropTable(
                name: "secure_lane_alarms");

            migrationBuilder.DropTable(
                name: "selection_transitions");

            migrationBuilder.DropTable(
                name: "secure_lane_orders");

            migrationBuilder.DropTable(
                name: "selections");
        }
    }
}
