// The contract's example notification, verbatim from the vendor's page (the same text as
// test/fixtures/seed-example.json, which a unit test checks), so that any body can be compared with
// it at run time ("compare with the contract example") without reading a fixture file.
export const CONTRACT_EXAMPLE_LABEL = "the contract's example";

export const CONTRACT_EXAMPLE_TEXT = `{
  "TaskID": "502380771007633e8d8b859ebf76970a",
  "TaskName": "Task-001",
  "Sign": "de9c60e6d7d623d75f1095e83b9bede3",
  "PlanName": "Plan_001",
  "Details": [
    {
      "id": 15744007,
      "RobotID": "4565",
      "CalleeName": "name1",
      "CalleeGender": "male",
      "CalleeNumber": "+6212345678",
      "CallStartTime": "2023-10-19T06:13:17Z",
      "CallEndTime": "2023-10-19T06:13:26Z",
      "Status": "finished",
      "Intention": "E",
      "intention_description": "xxxxx",
      "CallID": "6dbf57adc3ecf4f4bfd5efe85ccad659",
      "CallTimes": 2,
      "Comments": "C12345567",
      "BorrowedDate": "2022-05-03",
      "DueDate": "2022-05-11",
      "BorrowedAmount": "11.00",
      "TotalOwingAmount": "11.00",
      "CurrencyUnit": "INR",
      "PlatformName": "HAPPYPLANTE",
      "RingType": "normal",
      "HangupType": "ByCallee",
      "ExtraA": "",
      "ExtraB": "",
      "ExtraC": "",
      "AsrResult": [
        {
          "time": "00:00:00",
          "robottext": "Halo, ini Happy Planet, selamat datang di kedatangan Anda Apakah Anda perlu memeriksa pengiriman ekspres?>",
          "text": ""
        }
      ],
      "EventLabel": {
        "AskHelp_or_complain": "Hang_up_by_customer",
        "Uncertainty": "Hang_up_at_company_info",
        "final_label": "O"
      },
      "RingTime": 3,
      "TalkRound": 0,
      "RedailCall": [
        {
          "CallID": "138582ba03c98aeb04f2318cfa38c823",
          "CallStartTime": "2023-10-19 14:13:07",
          "RingType": "",
          "RingTime": 3,
          "HangupType": "ByCallee",
          "ResultLabel": "F",
          "caller_number": "+8613661834220",
          "callee_number": "+6212345678"
        }
      ],
      "NerSlots": {
        "PaymentMethod": "ATM",
        "PaymentTime": "Time_0"
      },
      "call_notes": "",
      "caller_number": "+8613661834220"
    }
  ]
}`;
