/** A team leader answers the sales head's self-assessment on the survey pages:
 * "yes" to every question but one (question 11, the coach's), an idea on the
 * last page, and submits (the URL is the one "Take the Self-Assessment" opens,
 * given by the test). */
import { registry } from "@web/core/registry";

// A phrase of each question, by page (questions 1-7, 8-14, 15-20).
const PAGES = [
    [
        "did you take part in working them out",
        "clear quantitative targets",
        "ignite",
        "professional advice",
        "knocking out",
        "never content with what there is",
        "handles the VIP sales",
    ],
    [
        "pressing problems",
        "weekly results",
        "remind your staff of their deadlines",
        "train your staff in the working methods",
        "another department",
        "criticise the status quo",
        "no sales plan of your own",
    ],
    [
        "marketing strategy",
        "standards of work",
        "create the need to get it done",
        "direct reports",
        "lots of ideas",
        "three cases only",
    ],
];
const NO = "train your staff in the working methods";

function answer(phrase) {
    const choice = phrase === NO ? "No" : "Yes";
    return {
        content: `${choice}: ${phrase}`,
        trigger: `div.js_question-wrapper:contains('${phrase}') label.o_survey_choice_btn:contains('${choice}')`,
        run: "click",
    };
}

registry.category("web_tour.tours").add("sale_care_self_assessment", {
    steps: () => [
        {
            content: "The questionnaire opens for the sales head",
            trigger: "h1:contains('Sales head self-assessment')",
        },
        {
            content: "Start",
            trigger: "button.btn:contains('Start')",
            run: "click",
        },
        ...PAGES.flatMap((phrases) => [
            ...phrases.map(answer),
            {
                content: "Next page",
                trigger: "button[value='next']",
                run: "click",
            },
        ]),
        {
            content: "Write down the ideas the questions raised",
            trigger: "div.js_question-wrapper:contains('ideas, thoughts and plans') textarea",
            run: "edit Train the new salespeople on Tuesdays.",
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
            content: "Submitted: the share of solid yes",
            trigger: "h1:contains('You scored')",
        },
    ],
});
