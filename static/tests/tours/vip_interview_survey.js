/** The interviewer, logged in, answers a VIP interview's questionnaire on the
 * survey pages with a dissatisfied customer (the URL is the one the interview's
 * "Fill Questionnaire" button opens, given by the test). */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("vip_interview_survey", {
    steps: () => [
        {
            content: "The questionnaire opens for the interviewer (no access error)",
            trigger: "h1:contains('VIP customer interview')",
        },
        {
            content: "Start",
            trigger: "button.btn:contains('Start')",
            run: "click",
        },
        {
            content: "Name today's contact person",
            trigger: "div.js_question-wrapper:contains('Who is our contact person today') textarea",
            run: "edit Minh Tran; Chief engineer; +84 28 3822 1100",
        },
        {
            content: "Next page",
            trigger: "button[value='next']",
            run: "click",
        },
        {
            content: "The customer is dissatisfied: 2 out of 5",
            trigger:
                "div.js_question-wrapper:contains('How satisfied are you') label.o_survey_choice_btn:contains('2')",
            run: "click",
        },
        {
            content: "Say why",
            trigger: "div.js_question-wrapper:contains('what went wrong') textarea",
            run: "edit Three late deliveries to the Thu Duc plant since March.",
        },
        {
            content: "The services they use",
            trigger:
                "div.js_question-wrapper:contains('Which of our services') label:contains('Delivery to site')",
            run: "click",
        },
        {
            content: "Next page",
            trigger: "button[value='next']",
            run: "click",
        },
        {
            content: "Last page: submit",
            trigger: "div.js_question-wrapper:contains('Who else could benefit') textarea",
        },
        {
            content: "Submit",
            trigger: "button[value='finish']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Submitted",
            trigger: "h1:contains('Thank you')",
        },
    ],
});
